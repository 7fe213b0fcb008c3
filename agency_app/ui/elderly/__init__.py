"""Sales to elderly customers (R16–R20): the list, the record's form and the manager's rules."""
