module(["m.py"])
