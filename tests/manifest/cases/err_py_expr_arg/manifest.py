DIR = "lib"
module("m.py", base_path=DIR + "/x")
