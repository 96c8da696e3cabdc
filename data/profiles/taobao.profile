# Taobao/Tmall order report (订单报表): comma, GBK, one row per order; the
# items are in a second report, so each order gets one line from the title
# and total quantity.  Times are Beijing time.
profile   taobao
title     Taobao/Tmall order report
channel   EC
encoding  auto
delimiter comma
dates     ymd
zone      +08:00
rows      orders
contacts  masked
require   order_ref
cancelled 交易关闭, 已取消
shipped   卖家已发货, 交易成功
field order_ref  = 订单编号
field ordered_at = 订单创建时间
# Some exports head the consignee's column 收货人 instead.
field customer   = 收货人姓名 | 收货人
field phone      = 联系手机 | 联系电话
field address    = 修改后的收货地址 | 收货地址
field sku        = 修改后的sku
field name       = 宝贝标题
field qty        = 宝贝总数量
field total      = 买家实际支付金额 | 总金额
field state      = 订单状态
field note       = 买家留言 + 订单备注
