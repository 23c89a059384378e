// SPDX-License-Identifier: MIT
// qstrdefs.h: the static qstr list of .mpy v6, in its fixed order (index 1..165).
#ifndef RUNTIME_QSTRDEFS_H
#define RUNTIME_QSTRDEFS_H

/*
 * QSTR(ident, "string"): entry n of the list has static index n (index 0 is the
 * null qstr). The order is part of the .mpy format and must never change.
 * Facts: shared/spec/static-qstrs.txt; tests/unit compares the two.
 */
#define QSTR_STATIC_LIST(QSTR) \
    QSTR(empty, "") \
    QSTR(__dir__, "__dir__") \
    QSTR(NEWLINE, "\n") \
    QSTR(space, " ") \
    QSTR(star, "*") \
    QSTR(slash, "/") \
    QSTR(_lt_module_gt_, "<module>") \
    QSTR(_, "_") \
    QSTR(__call__, "__call__") \
    QSTR(__class__, "__class__") \
    QSTR(__delitem__, "__delitem__") \
    QSTR(__enter__, "__enter__") \
    QSTR(__exit__, "__exit__") \
    QSTR(__getattr__, "__getattr__") \
    QSTR(__getitem__, "__getitem__") \
    QSTR(__hash__, "__hash__") \
    QSTR(__init__, "__init__") \
    QSTR(__int__, "__int__") \
    QSTR(__iter__, "__iter__") \
    QSTR(__len__, "__len__") \
    QSTR(__main__, "__main__") \
    QSTR(__module__, "__module__") \
    QSTR(__name__, "__name__") \
    QSTR(__new__, "__new__") \
    QSTR(__next__, "__next__") \
    QSTR(__qualname__, "__qualname__") \
    QSTR(__repr__, "__repr__") \
    QSTR(__setitem__, "__setitem__") \
    QSTR(__str__, "__str__") \
    QSTR(ArithmeticError, "ArithmeticError") \
    QSTR(AssertionError, "AssertionError") \
    QSTR(AttributeError, "AttributeError") \
    QSTR(BaseException, "BaseException") \
    QSTR(EOFError, "EOFError") \
    QSTR(Ellipsis, "Ellipsis") \
    QSTR(Exception, "Exception") \
    QSTR(GeneratorExit, "GeneratorExit") \
    QSTR(ImportError, "ImportError") \
    QSTR(IndentationError, "IndentationError") \
    QSTR(IndexError, "IndexError") \
    QSTR(KeyError, "KeyError") \
    QSTR(KeyboardInterrupt, "KeyboardInterrupt") \
    QSTR(LookupError, "LookupError") \
    QSTR(MemoryError, "MemoryError") \
    QSTR(NameError, "NameError") \
    QSTR(NoneType, "NoneType") \
    QSTR(NotImplementedError, "NotImplementedError") \
    QSTR(OSError, "OSError") \
    QSTR(OverflowError, "OverflowError") \
    QSTR(RuntimeError, "RuntimeError") \
    QSTR(StopIteration, "StopIteration") \
    QSTR(SyntaxError, "SyntaxError") \
    QSTR(SystemExit, "SystemExit") \
    QSTR(TypeError, "TypeError") \
    QSTR(ValueError, "ValueError") \
    QSTR(ZeroDivisionError, "ZeroDivisionError") \
    QSTR(abs, "abs") \
    QSTR(all, "all") \
    QSTR(any, "any") \
    QSTR(append, "append") \
    QSTR(args, "args") \
    QSTR(bool, "bool") \
    QSTR(builtins, "builtins") \
    QSTR(bytearray, "bytearray") \
    QSTR(bytecode, "bytecode") \
    QSTR(bytes, "bytes") \
    QSTR(callable, "callable") \
    QSTR(chr, "chr") \
    QSTR(classmethod, "classmethod") \
    QSTR(clear, "clear") \
    QSTR(close, "close") \
    QSTR(const, "const") \
    QSTR(copy, "copy") \
    QSTR(count, "count") \
    QSTR(dict, "dict") \
    QSTR(dir, "dir") \
    QSTR(divmod, "divmod") \
    QSTR(end, "end") \
    QSTR(endswith, "endswith") \
    QSTR(eval, "eval") \
    QSTR(exec, "exec") \
    QSTR(extend, "extend") \
    QSTR(find, "find") \
    QSTR(format, "format") \
    QSTR(from_bytes, "from_bytes") \
    QSTR(get, "get") \
    QSTR(getattr, "getattr") \
    QSTR(globals, "globals") \
    QSTR(hasattr, "hasattr") \
    QSTR(hash, "hash") \
    QSTR(id, "id") \
    QSTR(index, "index") \
    QSTR(insert, "insert") \
    QSTR(int, "int") \
    QSTR(isalpha, "isalpha") \
    QSTR(isdigit, "isdigit") \
    QSTR(isinstance, "isinstance") \
    QSTR(islower, "islower") \
    QSTR(isspace, "isspace") \
    QSTR(issubclass, "issubclass") \
    QSTR(isupper, "isupper") \
    QSTR(items, "items") \
    QSTR(iter, "iter") \
    QSTR(join, "join") \
    QSTR(key, "key") \
    QSTR(keys, "keys") \
    QSTR(len, "len") \
    QSTR(list, "list") \
    QSTR(little, "little") \
    QSTR(locals, "locals") \
    QSTR(lower, "lower") \
    QSTR(lstrip, "lstrip") \
    QSTR(main, "main") \
    QSTR(map, "map") \
    QSTR(micropython, "micropython") \
    QSTR(next, "next") \
    QSTR(object, "object") \
    QSTR(open, "open") \
    QSTR(ord, "ord") \
    QSTR(pop, "pop") \
    QSTR(popitem, "popitem") \
    QSTR(pow, "pow") \
    QSTR(print, "print") \
    QSTR(range, "range") \
    QSTR(read, "read") \
    QSTR(readinto, "readinto") \
    QSTR(readline, "readline") \
    QSTR(remove, "remove") \
    QSTR(replace, "replace") \
    QSTR(repr, "repr") \
    QSTR(reverse, "reverse") \
    QSTR(rfind, "rfind") \
    QSTR(rindex, "rindex") \
    QSTR(round, "round") \
    QSTR(rsplit, "rsplit") \
    QSTR(rstrip, "rstrip") \
    QSTR(self, "self") \
    QSTR(send, "send") \
    QSTR(sep, "sep") \
    QSTR(set, "set") \
    QSTR(setattr, "setattr") \
    QSTR(setdefault, "setdefault") \
    QSTR(sort, "sort") \
    QSTR(sorted, "sorted") \
    QSTR(split, "split") \
    QSTR(start, "start") \
    QSTR(startswith, "startswith") \
    QSTR(staticmethod, "staticmethod") \
    QSTR(step, "step") \
    QSTR(stop, "stop") \
    QSTR(str, "str") \
    QSTR(strip, "strip") \
    QSTR(sum, "sum") \
    QSTR(super, "super") \
    QSTR(throw, "throw") \
    QSTR(to_bytes, "to_bytes") \
    QSTR(tuple, "tuple") \
    QSTR(type, "type") \
    QSTR(update, "update") \
    QSTR(upper, "upper") \
    QSTR(utf_hyphen_8, "utf-8") \
    QSTR(value, "value") \
    QSTR(values, "values") \
    QSTR(write, "write") \
    QSTR(zip, "zip") \

enum {
    MP_QSTRnull = 0,
#define QSTR_ENUM(id, str) MP_QSTR_##id,
    QSTR_STATIC_LIST(QSTR_ENUM)
#undef QSTR_ENUM
    MP_QSTR_NUM_STATIC,  // first index past the static ones
};

#endif // RUNTIME_QSTRDEFS_H
