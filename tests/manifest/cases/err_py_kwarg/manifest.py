package("pkg", file=["a.py"])
