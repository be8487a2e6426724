from wowcoach.cli.launch import main

main()
