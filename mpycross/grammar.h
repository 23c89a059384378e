// SPDX-License-Identifier: MIT
// grammar.h: MicroPython's grammar (v1.29 mpy-cross configuration) as one X-macro list.

/*
 * No include guard: every includer defines the two macros, includes this file
 * and undefines them, to get one view of the grammar (rule enum, rule tables,
 * dispatch tables of the compiler):
 *
 *   DEF_RULE(name, comp, kind, args...)   a rule the compiler dispatches on;
 *                                         comp names its compile function
 *   DEF_RULE_NC(name, kind, args...)      a rule with no compile function of its
 *                                         own ("not compiled": its nodes, if any,
 *                                         are read by the parent's compile function)
 *
 * kind says how the rule matches and which node it leaves on the result stack:
 *
 *   AND           all args in order; always a node
 *   AND_IDENT     like AND, but if exactly one child is non-null, that child is
 *                 passed through and no node is made
 *   AND_BLANK     like AND, plus one extra null child at the end (the compiler
 *                 keeps its scope there: funcdef, classdef, lambdef, comp_for)
 *   OR            the first arg that matches; never a node (passes the child)
 *   LIST          item (sep item)*            a node only if 2+ items
 *   LIST_WITH_END item (sep item)* [sep]      a node if 2+ items or a trailing sep
 *   ONE_OR_MORE   item item*                  a node only if 2+ items
 *
 * args: T(tok) a token (TOK_tok of lexer.h), R(rule) a rule, O(rule) an optional
 * rule (a null child when absent). Token args of AND rules leave no child,
 * except T(NAME), which leaves an identifier leaf; LIST separators that are
 * tokens leave nothing. A rule arg that is an OR of tokens leaves the token leaf.
 *
 * The parse-time transformations of parse.c change some shapes (parse.h lists
 * the resulting node shapes).
 */

// Shared sub-rules.
DEF_RULE_NC(generic_colon_test, AND_IDENT, T(DEL_COLON), R(test))
DEF_RULE_NC(generic_equal_test, AND_IDENT, T(DEL_EQUAL), R(test))

// file_input: (NEWLINE | stmt)* ENDMARKER
DEF_RULE(file_input, generic_all_nodes, AND_IDENT, O(file_input_2))
DEF_RULE(file_input_2, generic_all_nodes, ONE_OR_MORE, R(file_input_3))
DEF_RULE_NC(file_input_3, OR, T(NEWLINE), R(stmt))

// decorator: '@' dotted_name [ '(' [arglist] ')' ] NEWLINE
// decorated: decorators (classdef | funcdef | async_funcdef)
// funcdef: 'def' NAME parameters ['->' test] ':' suite
DEF_RULE_NC(decorator, AND, T(OP_AT), R(dotted_name), O(trailer_paren), T(NEWLINE))
DEF_RULE_NC(decorators, ONE_OR_MORE, R(decorator))
DEF_RULE(decorated, decorated, AND_IDENT, R(decorators), R(decorated_body))
DEF_RULE_NC(decorated_body, OR, R(classdef), R(funcdef), R(async_funcdef))
DEF_RULE_NC(async_funcdef, AND, T(KW_ASYNC), R(funcdef))
DEF_RULE(funcdef, funcdef, AND_BLANK, T(KW_DEF), T(NAME), T(DEL_PAREN_OPEN), O(typedargslist), T(DEL_PAREN_CLOSE), O(funcdefrettype), T(DEL_COLON), R(suite))
DEF_RULE_NC(funcdefrettype, AND_IDENT, T(DEL_MINUS_MORE), R(test))
// typedargslist lets through more than is allowed; the compiler checks the rest.
DEF_RULE_NC(typedargslist, LIST_WITH_END, R(typedargslist_item), T(DEL_COMMA))
DEF_RULE_NC(typedargslist_item, OR, R(typedargslist_name), R(typedargslist_star), R(typedargslist_dbl_star))
DEF_RULE_NC(typedargslist_name, AND_IDENT, T(NAME), O(generic_colon_test), O(generic_equal_test))
DEF_RULE_NC(typedargslist_star, AND, T(OP_STAR), O(tfpdef))
DEF_RULE_NC(typedargslist_dbl_star, AND, T(OP_DBL_STAR), T(NAME), O(generic_colon_test))
DEF_RULE_NC(tfpdef, AND, T(NAME), O(generic_colon_test))
// varargslist (lambda parameters) likewise.
DEF_RULE_NC(varargslist, LIST_WITH_END, R(varargslist_item), T(DEL_COMMA))
DEF_RULE_NC(varargslist_item, OR, R(varargslist_name), R(varargslist_star), R(varargslist_dbl_star))
DEF_RULE_NC(varargslist_name, AND_IDENT, T(NAME), O(generic_equal_test))
DEF_RULE_NC(varargslist_star, AND, T(OP_STAR), O(vfpdef))
DEF_RULE_NC(varargslist_dbl_star, AND, T(OP_DBL_STAR), T(NAME))
DEF_RULE_NC(vfpdef, AND_IDENT, T(NAME))

// stmt: compound_stmt | simple_stmt
DEF_RULE_NC(stmt, OR, R(compound_stmt), R(simple_stmt))

// simple_stmt: small_stmt (';' small_stmt)* [';'] NEWLINE
DEF_RULE_NC(simple_stmt, AND_IDENT, R(simple_stmt_2), T(NEWLINE))
DEF_RULE(simple_stmt_2, generic_all_nodes, LIST_WITH_END, R(small_stmt), T(DEL_SEMICOLON))

// expr_stmt: testlist_star_expr (annassign | augassign (yield_expr|testlist) |
//            ('=' (yield_expr|testlist_star_expr))*)
DEF_RULE_NC(small_stmt, OR, R(del_stmt), R(pass_stmt), R(flow_stmt), R(import_stmt), R(global_stmt), R(nonlocal_stmt), R(assert_stmt), R(expr_stmt))
DEF_RULE(expr_stmt, expr_stmt, AND, R(testlist_star_expr), O(expr_stmt_2))
DEF_RULE_NC(expr_stmt_2, OR, R(annassign), R(expr_stmt_augassign), R(expr_stmt_assign_list))
DEF_RULE_NC(expr_stmt_augassign, AND_IDENT, R(augassign), R(expr_stmt_6))
DEF_RULE_NC(expr_stmt_assign_list, ONE_OR_MORE, R(expr_stmt_assign))
DEF_RULE_NC(expr_stmt_assign, AND_IDENT, T(DEL_EQUAL), R(expr_stmt_6))
DEF_RULE_NC(expr_stmt_6, OR, R(yield_expr), R(testlist_star_expr))
DEF_RULE(testlist_star_expr, generic_tuple, LIST_WITH_END, R(testlist_star_expr_2), T(DEL_COMMA))
DEF_RULE_NC(testlist_star_expr_2, OR, R(star_expr), R(test))
DEF_RULE_NC(annassign, AND, T(DEL_COLON), R(test), O(expr_stmt_assign))
DEF_RULE_NC(augassign, OR, T(DEL_PLUS_EQUAL), T(DEL_MINUS_EQUAL), T(DEL_STAR_EQUAL), T(DEL_AT_EQUAL), T(DEL_SLASH_EQUAL), T(DEL_PERCENT_EQUAL), T(DEL_AMPERSAND_EQUAL), T(DEL_PIPE_EQUAL), T(DEL_CARET_EQUAL), T(DEL_DBL_LESS_EQUAL), T(DEL_DBL_MORE_EQUAL), T(DEL_DBL_STAR_EQUAL), T(DEL_DBL_SLASH_EQUAL))

// del, pass, break, continue, return, yield, raise
DEF_RULE(del_stmt, del_stmt, AND, T(KW_DEL), R(exprlist))
DEF_RULE(pass_stmt, generic_all_nodes, AND, T(KW_PASS))
DEF_RULE_NC(flow_stmt, OR, R(break_stmt), R(continue_stmt), R(return_stmt), R(raise_stmt), R(yield_stmt))
DEF_RULE(break_stmt, break_cont_stmt, AND, T(KW_BREAK))
DEF_RULE(continue_stmt, break_cont_stmt, AND, T(KW_CONTINUE))
DEF_RULE(return_stmt, return_stmt, AND, T(KW_RETURN), O(testlist))
DEF_RULE(yield_stmt, yield_stmt, AND, R(yield_expr))
DEF_RULE(raise_stmt, raise_stmt, AND, T(KW_RAISE), O(raise_stmt_arg))
DEF_RULE_NC(raise_stmt_arg, AND_IDENT, R(test), O(raise_stmt_from))
DEF_RULE_NC(raise_stmt_from, AND_IDENT, T(KW_FROM), R(test))

// import_name: 'import' dotted_as_names
// import_from: 'from' (('.' | '...')* dotted_name | ('.' | '...')+)
//              'import' ('*' | '(' import_as_names ')' | import_as_names)
DEF_RULE_NC(import_stmt, OR, R(import_name), R(import_from))
DEF_RULE(import_name, import_name, AND, T(KW_IMPORT), R(dotted_as_names))
DEF_RULE(import_from, import_from, AND, T(KW_FROM), R(import_from_2), T(KW_IMPORT), R(import_from_3))
DEF_RULE_NC(import_from_2, OR, R(dotted_name), R(import_from_2b))
DEF_RULE_NC(import_from_2b, AND_IDENT, R(one_or_more_period_or_ellipsis), O(dotted_name))
DEF_RULE_NC(import_from_3, OR, T(OP_STAR), R(import_as_names_paren), R(import_as_names))
DEF_RULE_NC(import_as_names_paren, AND_IDENT, T(DEL_PAREN_OPEN), R(import_as_names), T(DEL_PAREN_CLOSE))
DEF_RULE_NC(one_or_more_period_or_ellipsis, ONE_OR_MORE, R(period_or_ellipsis))
DEF_RULE_NC(period_or_ellipsis, OR, T(DEL_PERIOD), T(ELLIPSIS))
DEF_RULE_NC(import_as_name, AND, T(NAME), O(as_name))
DEF_RULE_NC(dotted_as_name, AND_IDENT, R(dotted_name), O(as_name))
DEF_RULE_NC(as_name, AND_IDENT, T(KW_AS), T(NAME))
DEF_RULE_NC(import_as_names, LIST_WITH_END, R(import_as_name), T(DEL_COMMA))
DEF_RULE_NC(dotted_as_names, LIST, R(dotted_as_name), T(DEL_COMMA))
DEF_RULE_NC(dotted_name, LIST, T(NAME), T(DEL_PERIOD))
DEF_RULE(global_stmt, global_nonlocal_stmt, AND, T(KW_GLOBAL), R(name_list))
DEF_RULE(nonlocal_stmt, global_nonlocal_stmt, AND, T(KW_NONLOCAL), R(name_list))
DEF_RULE_NC(name_list, LIST, T(NAME), T(DEL_COMMA))
DEF_RULE(assert_stmt, assert_stmt, AND, T(KW_ASSERT), R(test), O(assert_stmt_extra))
DEF_RULE_NC(assert_stmt_extra, AND_IDENT, T(DEL_COMMA), R(test))

// Compound statements. suite: simple_stmt | NEWLINE INDENT stmt+ DEDENT
DEF_RULE_NC(compound_stmt, OR, R(if_stmt), R(while_stmt), R(for_stmt), R(try_stmt), R(with_stmt), R(funcdef), R(classdef), R(decorated), R(async_stmt))
DEF_RULE(async_stmt, async_stmt, AND, T(KW_ASYNC), R(async_stmt_2))
DEF_RULE_NC(async_stmt_2, OR, R(funcdef), R(with_stmt), R(for_stmt))
DEF_RULE(if_stmt, if_stmt, AND, T(KW_IF), R(namedexpr_test), T(DEL_COLON), R(suite), O(if_stmt_elif_list), O(else_stmt))
DEF_RULE_NC(if_stmt_elif_list, ONE_OR_MORE, R(if_stmt_elif))
DEF_RULE_NC(if_stmt_elif, AND, T(KW_ELIF), R(namedexpr_test), T(DEL_COLON), R(suite))
DEF_RULE(while_stmt, while_stmt, AND, T(KW_WHILE), R(namedexpr_test), T(DEL_COLON), R(suite), O(else_stmt))
DEF_RULE(for_stmt, for_stmt, AND, T(KW_FOR), R(exprlist), T(KW_IN), R(testlist), T(DEL_COLON), R(suite), O(else_stmt))
DEF_RULE(try_stmt, try_stmt, AND, T(KW_TRY), T(DEL_COLON), R(suite), R(try_stmt_2))
DEF_RULE_NC(try_stmt_2, OR, R(try_stmt_except_and_more), R(try_stmt_finally))
DEF_RULE_NC(try_stmt_except_and_more, AND_IDENT, R(try_stmt_except_list), O(else_stmt), O(try_stmt_finally))
DEF_RULE_NC(try_stmt_except, AND, T(KW_EXCEPT), O(try_stmt_as_name), T(DEL_COLON), R(suite))
DEF_RULE_NC(try_stmt_as_name, AND_IDENT, R(test), O(as_name))
DEF_RULE_NC(try_stmt_except_list, ONE_OR_MORE, R(try_stmt_except))
DEF_RULE_NC(try_stmt_finally, AND, T(KW_FINALLY), T(DEL_COLON), R(suite))
DEF_RULE_NC(else_stmt, AND_IDENT, T(KW_ELSE), T(DEL_COLON), R(suite))
DEF_RULE(with_stmt, with_stmt, AND, T(KW_WITH), R(with_stmt_list), T(DEL_COLON), R(suite))
DEF_RULE_NC(with_stmt_list, LIST, R(with_item), T(DEL_COMMA))
DEF_RULE_NC(with_item, AND_IDENT, R(test), O(with_item_as))
DEF_RULE_NC(with_item_as, AND_IDENT, T(KW_AS), R(expr))
DEF_RULE_NC(suite, OR, R(suite_block), R(simple_stmt))
DEF_RULE_NC(suite_block, AND_IDENT, T(NEWLINE), T(INDENT), R(suite_block_stmts), T(DEDENT))
DEF_RULE(suite_block_stmts, generic_all_nodes, ONE_OR_MORE, R(stmt))

// namedexpr_test: test [':=' test]
// test: or_test ['if' or_test 'else' test] | lambdef
DEF_RULE(namedexpr_test, namedexpr, AND_IDENT, R(test), O(namedexpr_test_2))
DEF_RULE_NC(namedexpr_test_2, AND_IDENT, T(OP_ASSIGN), R(test))
DEF_RULE_NC(test, OR, R(lambdef), R(test_if_expr))
DEF_RULE(test_if_expr, test_if_expr, AND_IDENT, R(or_test), O(test_if_else))
DEF_RULE_NC(test_if_else, AND, T(KW_IF), R(or_test), T(KW_ELSE), R(test))
DEF_RULE_NC(test_nocond, OR, R(lambdef_nocond), R(or_test))
DEF_RULE(lambdef, lambdef, AND_BLANK, T(KW_LAMBDA), O(varargslist), T(DEL_COLON), R(test))
DEF_RULE(lambdef_nocond, lambdef, AND_BLANK, T(KW_LAMBDA), O(varargslist), T(DEL_COLON), R(test_nocond))

// Operators, loosest first. power: atom_expr ['**' factor]
// atom_expr: 'await' atom trailer* | atom trailer*
DEF_RULE(or_test, or_and_test, LIST, R(and_test), T(KW_OR))
DEF_RULE(and_test, or_and_test, LIST, R(not_test), T(KW_AND))
DEF_RULE_NC(not_test, OR, R(not_test_2), R(comparison))
DEF_RULE(not_test_2, not_test_2, AND, T(KW_NOT), R(not_test))
DEF_RULE(comparison, comparison, LIST, R(expr), R(comp_op))
DEF_RULE_NC(comp_op, OR, T(OP_LESS), T(OP_MORE), T(OP_DBL_EQUAL), T(OP_LESS_EQUAL), T(OP_MORE_EQUAL), T(OP_NOT_EQUAL), T(KW_IN), R(comp_op_not_in), R(comp_op_is))
DEF_RULE_NC(comp_op_not_in, AND, T(KW_NOT), T(KW_IN))
DEF_RULE_NC(comp_op_is, AND, T(KW_IS), O(comp_op_is_not))
DEF_RULE_NC(comp_op_is_not, AND, T(KW_NOT))
DEF_RULE(star_expr, star_expr, AND, T(OP_STAR), R(expr))
DEF_RULE(expr, binary_op, LIST, R(xor_expr), T(OP_PIPE))
DEF_RULE(xor_expr, binary_op, LIST, R(and_expr), T(OP_CARET))
DEF_RULE(and_expr, binary_op, LIST, R(shift_expr), T(OP_AMPERSAND))
DEF_RULE(shift_expr, term, LIST, R(arith_expr), R(shift_op))
DEF_RULE_NC(shift_op, OR, T(OP_DBL_LESS), T(OP_DBL_MORE))
DEF_RULE(arith_expr, term, LIST, R(term), R(arith_op))
DEF_RULE_NC(arith_op, OR, T(OP_PLUS), T(OP_MINUS))
DEF_RULE(term, term, LIST, R(factor), R(term_op))
DEF_RULE_NC(term_op, OR, T(OP_STAR), T(OP_AT), T(OP_SLASH), T(OP_PERCENT), T(OP_DBL_SLASH))
DEF_RULE_NC(factor, OR, R(factor_2), R(power))
DEF_RULE(factor_2, factor_2, AND_IDENT, R(factor_op), R(factor))
DEF_RULE_NC(factor_op, OR, T(OP_PLUS), T(OP_MINUS), T(OP_TILDE))
DEF_RULE(power, power, AND_IDENT, R(atom_expr), O(power_dbl_star))
DEF_RULE_NC(atom_expr, OR, R(atom_expr_await), R(atom_expr_normal))
DEF_RULE(atom_expr_await, atom_expr_await, AND, T(KW_AWAIT), R(atom), O(atom_expr_trailers))
DEF_RULE(atom_expr_normal, atom_expr_normal, AND_IDENT, R(atom), O(atom_expr_trailers))
DEF_RULE_NC(atom_expr_trailers, ONE_OR_MORE, R(trailer))
DEF_RULE_NC(power_dbl_star, AND_IDENT, T(OP_DBL_STAR), R(factor))

// atom: '(' [yield_expr|testlist_comp] ')' | '[' [testlist_comp] ']' |
//       '{' [dictorsetmaker] '}' | NAME | NUMBER | STRING+ | '...' | 'None' | 'True' | 'False'
// testlist_comp: (test|star_expr) ( comp_for | (',' (test|star_expr))* [','] )
// trailer: '(' [arglist] ')' | '[' subscriptlist ']' | '.' NAME
DEF_RULE_NC(atom, OR, T(NAME), T(INTEGER), T(FLOAT_OR_IMAG), T(STRING), T(BYTES), T(ELLIPSIS), T(KW_NONE), T(KW_TRUE), T(KW_FALSE), R(atom_paren), R(atom_bracket), R(atom_brace))
DEF_RULE(atom_paren, atom_paren, AND, T(DEL_PAREN_OPEN), O(atom_2b), T(DEL_PAREN_CLOSE))
DEF_RULE_NC(atom_2b, OR, R(yield_expr), R(testlist_comp))
DEF_RULE(atom_bracket, atom_bracket, AND, T(DEL_BRACKET_OPEN), O(testlist_comp), T(DEL_BRACKET_CLOSE))
DEF_RULE(atom_brace, atom_brace, AND, T(DEL_BRACE_OPEN), O(dictorsetmaker), T(DEL_BRACE_CLOSE))
DEF_RULE_NC(testlist_comp, AND_IDENT, R(testlist_comp_2), O(testlist_comp_3))
DEF_RULE_NC(testlist_comp_2, OR, R(star_expr), R(namedexpr_test))
DEF_RULE_NC(testlist_comp_3, OR, R(comp_for), R(testlist_comp_3b))
DEF_RULE_NC(testlist_comp_3b, AND_IDENT, T(DEL_COMMA), O(testlist_comp_3c))
DEF_RULE_NC(testlist_comp_3c, LIST_WITH_END, R(testlist_comp_2), T(DEL_COMMA))
DEF_RULE_NC(trailer, OR, R(trailer_paren), R(trailer_bracket), R(trailer_period))
DEF_RULE(trailer_paren, trailer_paren, AND, T(DEL_PAREN_OPEN), O(arglist), T(DEL_PAREN_CLOSE))
DEF_RULE(trailer_bracket, trailer_bracket, AND, T(DEL_BRACKET_OPEN), R(subscriptlist), T(DEL_BRACKET_CLOSE))
DEF_RULE(trailer_period, trailer_period, AND, T(DEL_PERIOD), T(NAME))

// subscriptlist: subscript (',' subscript)* [',']
// subscript: test | [test] ':' [test] [sliceop];  sliceop: ':' [test]
DEF_RULE(subscriptlist, generic_tuple, LIST_WITH_END, R(subscript), T(DEL_COMMA))
DEF_RULE_NC(subscript, OR, R(subscript_3), R(subscript_2))
DEF_RULE(subscript_2, subscript, AND_IDENT, R(test), O(subscript_3))
DEF_RULE(subscript_3, subscript, AND, T(DEL_COLON), O(subscript_3b))
DEF_RULE_NC(subscript_3b, OR, R(subscript_3c), R(subscript_3d))
DEF_RULE_NC(subscript_3c, AND, T(DEL_COLON), O(test))
DEF_RULE_NC(subscript_3d, AND_IDENT, R(test), O(sliceop))
DEF_RULE_NC(sliceop, AND, T(DEL_COLON), O(test))

// exprlist: (expr|star_expr) (',' (expr|star_expr))* [',']
// testlist: test (',' test)* [',']
// dictorsetmaker: (test ':' test (comp_for | (',' test ':' test)* [','])) |
//                 (test (comp_for | (',' test)* [',']))   (lets through more than allowed)
DEF_RULE_NC(exprlist, LIST_WITH_END, R(exprlist_2), T(DEL_COMMA))
DEF_RULE_NC(exprlist_2, OR, R(star_expr), R(expr))
DEF_RULE(testlist, generic_tuple, LIST_WITH_END, R(test), T(DEL_COMMA))
DEF_RULE_NC(dictorsetmaker, AND_IDENT, R(dictorsetmaker_item), O(dictorsetmaker_tail))
DEF_RULE(dictorsetmaker_item, dictorsetmaker_item, AND_IDENT, R(test), O(generic_colon_test))
DEF_RULE_NC(dictorsetmaker_tail, OR, R(comp_for), R(dictorsetmaker_list))
DEF_RULE_NC(dictorsetmaker_list, AND, T(DEL_COMMA), O(dictorsetmaker_list2))
DEF_RULE_NC(dictorsetmaker_list2, LIST_WITH_END, R(dictorsetmaker_item), T(DEL_COMMA))

// classdef: 'class' NAME ['(' [arglist] ')'] ':' suite
DEF_RULE(classdef, classdef, AND_BLANK, T(KW_CLASS), T(NAME), O(classdef_2), T(DEL_COLON), R(suite))
DEF_RULE_NC(classdef_2, AND_IDENT, T(DEL_PAREN_OPEN), O(arglist), T(DEL_PAREN_CLOSE))

// arglist: (argument ',')* (argument [','] | '*' test (',' argument)* [',' '**' test] | '**' test)
// (lets through more than allowed; the compiler checks the order)
DEF_RULE_NC(arglist, LIST_WITH_END, R(arglist_2), T(DEL_COMMA))
DEF_RULE_NC(arglist_2, OR, R(arglist_star), R(arglist_dbl_star), R(argument))
DEF_RULE_NC(arglist_star, AND, T(OP_STAR), R(test))
DEF_RULE_NC(arglist_dbl_star, AND, T(OP_DBL_STAR), R(test))

// argument: test [comp_for] | test '=' test | test ':=' test
// comp_for: 'for' exprlist 'in' or_test [comp_iter];  comp_if: 'if' test_nocond [comp_iter]
DEF_RULE_NC(argument, AND_IDENT, R(test), O(argument_2))
DEF_RULE_NC(argument_2, OR, R(comp_for), R(generic_equal_test), R(argument_3))
DEF_RULE_NC(argument_3, AND, T(OP_ASSIGN), R(test))
DEF_RULE_NC(comp_iter, OR, R(comp_for), R(comp_if))
DEF_RULE_NC(comp_for, AND_BLANK, T(KW_FOR), R(exprlist), T(KW_IN), R(or_test), O(comp_iter))
DEF_RULE_NC(comp_if, AND, T(KW_IF), R(test_nocond), O(comp_iter))

// yield_expr: 'yield' [yield_arg];  yield_arg: 'from' test | testlist
DEF_RULE(yield_expr, yield_expr, AND, T(KW_YIELD), O(yield_arg))
DEF_RULE_NC(yield_arg, OR, R(yield_arg_from), R(testlist))
DEF_RULE_NC(yield_arg_from, AND, T(KW_FROM), R(test))
