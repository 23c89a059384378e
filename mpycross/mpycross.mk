# mpycross/: the compiler library and the mpycross command.
MPYCROSS_LIB_SRC := $(filter-out mpycross/main.c,$(sort $(wildcard mpycross/*.c)))
# The parser folds big-int constants with runtime/mpz.c (pure functions, no VM).
MPYCROSS_LIB_SRC += $(sort $(wildcard runtime/mpz*.c))
# Float literals are read and written by runtime/formatfloat.c (compiler.md appendix A).
MPYCROSS_LIB_SRC += runtime/formatfloat.c
MPYCROSS_LIB := $(BUILD)/libmpycross.a

all: $(BUILD)/mpycross

$(MPYCROSS_LIB): $(patsubst %.c,$(OBJ)/%.o,$(MPYCROSS_LIB_SRC))
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/mpycross: $(OBJ)/mpycross/main.o $(MPYCROSS_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ -lm
