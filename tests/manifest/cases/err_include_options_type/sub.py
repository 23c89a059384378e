module("m.py")
