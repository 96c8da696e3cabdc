# WooCommerce "Advanced Order Export" plugin: comma, headers partly quoted,
# one row per item.
profile   woocommerce
title     WooCommerce advanced order export
channel   EC
encoding  auto
delimiter comma
dates     ymd
rows      items
require   order_ref qty
cancelled cancelled, refunded, failed
shipped   completed
field order_ref  = Order Number
field ordered_at = Order Date
field customer   = First Name (Shipping) + Last Name (Shipping) | First Name (Billing) + Last Name (Billing)
field phone      = Phone (Billing)
field email      = Email (Billing)
field address    = Address 1&2 (Shipping) + City (Shipping) + State Code (Shipping) + Postcode (Shipping) + Country Code (Shipping) | Address 1&2 (Billing) + City (Billing) + State Code (Billing) + Postcode (Billing) + Country Code (Billing)
field sku        = SKU
field name       = Name + Product Variation
field qty        = Quantity
field unit_price = Item Cost
field total      = Order Total Amount
field state      = Order Status
field note       = Customer Note
