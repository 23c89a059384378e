"""The application: its own module and the chain from the fixture library."""
APP = "main.py"
LIB = "chain_a"
require(LIB)
require("chain_a")  # required twice: read once
module(APP, opt=1)
options.board  # a read of an option does nothing
