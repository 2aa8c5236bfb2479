from digestgen.cli.app import main

main()
