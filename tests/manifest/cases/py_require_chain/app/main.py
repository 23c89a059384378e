import chain_a
import chain_c

print(chain_a.hello(), chain_c.NAME)
