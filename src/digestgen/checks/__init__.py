"""What digestgen says of a digest before it is sent: findings, email clients, spam score."""
