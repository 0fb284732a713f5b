package io.tidemark.connect.systemtest.workload;

/** The kinds of change the shop workload makes, counted once committed. */
public enum Operation {
    INSERT_CUSTOMER,
    /** An UPDATE of other columns of a customer whose large {@code notes} value stays out of line, untouched. */
    UPDATE_CUSTOMER_KEEPING_TOAST,
    /** An UPDATE of other columns of a customer without an out-of-line value. */
    UPDATE_CUSTOMER,
    /** An UPDATE that writes a new large {@code notes} value. */
    UPDATE_CUSTOMER_NOTES,
    DELETE_CUSTOMER,
    INSERT_ORDER,
    UPDATE_ORDER,
    DELETE_ORDER,
    /** An UPDATE of an order's primary key: a delete of the old key and an insert of the new one downstream. */
    CHANGE_ORDER_KEY,
    /** {@code ALTER TABLE customers ADD COLUMN loyalty_tier}, once, mid-run; later changes fill it. */
    ADD_COLUMN
}
