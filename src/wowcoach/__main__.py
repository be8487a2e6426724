from wowcoach.launch import main

main()
