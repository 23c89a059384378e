NAME = "chain_c"
