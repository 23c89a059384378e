require("chain_c", library="mine")
