#ifndef ORDESK_DESK_STOCK_IMPORT_H
#define ORDESK_DESK_STOCK_IMPORT_H

#include <stdio.h>

#include "ordesk/desk.h"

/*
 * Importing a stock list (supervisor): a CSV with the columns sku, name,
 * warehouse, on_hand, safety_stock (by header name; warehouse defaults to
 * MAIN, name and safety_stock may be absent).  It fills the product
 * catalogue and the warehouses, and sets each SKU's count and safety
 * stock.  One transaction: a bad row refuses the whole file
 * (ST_DATAERR, "FILE:LINE: what"), as does a count below what is locked.
 */
struct desk_stock_import_result {
	long rows;
	long products, products_new;
	long warehouses_new;
	long stock_rows;
};

enum status desk_stock_import(struct desk *d, FILE *fp, const char *name,
                              struct desk_stock_import_result *res);

#endif
