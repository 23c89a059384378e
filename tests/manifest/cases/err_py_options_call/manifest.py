options.get("x")
