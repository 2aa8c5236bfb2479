from digestgen.cli import main

main()
