# tests/: unit tests (Check, one binary per tests/unit/test_*.c) and the runner.
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRC))
TEST_TOOLS := $(patsubst tests/tools/%.c,$(BUILD)/tests/tools/%,$(sort $(wildcard tests/tools/*.c)))
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)
# Libraries a unit test may link against (each test takes what it needs).
UNIT_LINK := $(MPYCROSS_LIB) $(HOST_RUNTIME_LIB)

$(BUILD)/tests/unit/%: $(OBJ)/tests/unit/%.o $(UNIT_LINK)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(PKG_LIBS) -lpthread -lm

# test_memo and test_cache test parts of the freezer.
$(BUILD)/tests/unit/test_memo: $(OBJ)/freezer/memo.o $(OBJ)/freezer/file.o $(OBJ)/freezer/sha256.o
$(BUILD)/tests/unit/test_cache: $(OBJ)/freezer/cache.o $(OBJ)/freezer/file.o $(OBJ)/freezer/sha256.o

$(BUILD)/tests/tools/%: $(OBJ)/tests/tools/%.o $(UNIT_LINK)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm

test-run: all $(UNIT_BIN) $(TEST_TOOLS)
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) sh tests/run
.PRECIOUS: $(OBJ)/%.o
