for f in ["m.py"]:
    module(f)
