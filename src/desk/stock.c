/* PLACEHOLDER until the stock module lands: locking is issue 5's work. */
#include "ordesk/desk_stock.h"

enum status desk_stock_lock_tx(struct desk *d, const struct order *o) { (void)d; (void)o; return ST_OK; }
enum status desk_stock_release_tx(struct desk *d, const struct order *o) { (void)d; (void)o; return ST_OK; }
enum status desk_stock_ship_tx(struct desk *d, const struct order *o) { (void)d; (void)o; return ST_OK; }
