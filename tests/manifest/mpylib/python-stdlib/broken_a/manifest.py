require("broken_b")
module("broken_a.py")
