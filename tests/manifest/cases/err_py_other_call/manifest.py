module("m.py")
print("hello")
