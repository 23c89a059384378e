require("ffimod")
