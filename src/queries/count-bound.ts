/**
 * Lists count matching rows up to this many past the page, then answer `count_capped: true` ("at least"): an
 * exact count reads every matching row, which is what makes a list slow at 100,000 invoices or 1,000,000 attempts (a big bound makes the planner hash
 * the whole sync table again).
 */
export const COUNT_BOUND = 1000
