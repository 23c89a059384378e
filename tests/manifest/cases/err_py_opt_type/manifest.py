module("m.py", opt="fast")
