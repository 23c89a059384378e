module("m.py"
