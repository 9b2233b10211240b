"""Who acts (Actor) and what each role may do (the permission matrix): pure rules, no I/O."""
