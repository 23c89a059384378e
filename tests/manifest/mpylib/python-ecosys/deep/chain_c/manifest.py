# A package below a nested directory, with a package() call.
package("chain_c")
