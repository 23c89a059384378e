# Every argument form: variables, lists, tuples, keywords, $(MANIFEST_DIR), None.
LIB = "$(MANIFEST_DIR)/../lib"
FILES = ["__init__.py", "sub/deep.py"]
package("pkg", files=FILES, base_path=LIB, opt=3)
module("util.py", LIB, None)
freeze("$(MANIFEST_DIR)/../pre", script=("frozen.py",))
metadata(description="forms", version="2.0", license="MIT", author="us")
