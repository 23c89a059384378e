module(NAME)
