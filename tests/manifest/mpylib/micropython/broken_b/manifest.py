metadata(version="0.1")
require("nope")
