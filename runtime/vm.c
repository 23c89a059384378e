// placeholder
int rt_placeholder(void);
int rt_placeholder(void) { return 0; }
