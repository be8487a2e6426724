from wowcoach.cli import main

main()
