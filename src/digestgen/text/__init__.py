"""The words digestgen writes and how they are set: typography, numbers and dates, messages."""
