/* import/ reader and grouping: lines, caps, detection, profiles, orders and problems. */
#include "support.h"
#include "ordesk/import.h"
#include "ordesk/import_profile.h"
#include "ordesk/import_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Rows seen by the reader, flattened as "line:a|b|c\n". */
static char seen[8192];

static int collect(void *arg, const struct import_row *row)
{
	size_t n = strlen(seen);

	(void)arg;
	n += (size_t)snprintf(seen + n, sizeof seen - n, "%ld:", row->line);
	for (int i = 0; i < row->n; i++)
		n += (size_t)snprintf(seen + n, sizeof seen - n, "%s%s", i ? "|" : "", row->fields[i]);
	snprintf(seen + n, sizeof seen - n, "\n");
	return 0;
}

static enum status read_bytes(const char *data, size_t len, struct import_dialect *dl,
                              struct import_error *err)
{
	FILE *fp = fmemopen((void *)(size_t)data, len, "rb");
	enum status st;

	seen[0] = '\0';
	ck_assert_ptr_nonnull(fp);
	st = import_read(fp, dl, collect, NULL, NULL, err, NULL);
	fclose(fp);
	return st;
}

static enum status read_str(const char *data, struct import_dialect *dl, struct import_error *err)
{
	return read_bytes(data, strlen(data), dl, err);
}

START_TEST(physical_lines_with_every_line_end)
{
	struct import_dialect dl = { .quoting = -1 };
	struct import_error err;

	ck_assert_int_eq(read_str("a,b\r\n1,\"x\ny\"\r2,3\n\n\r\n4,5", &dl, &err), ST_OK);
	ck_assert_str_eq(seen, "1:a|b\n2:1|x\ny\n4:2|3\n7:4|5\n");
	ck_assert_int_eq(dl.delim, ',');
	ck_assert_int_eq(dl.encoding, ENC_UTF8);
}
END_TEST

START_TEST(delimiters_bom_and_sep_line)
{
	struct import_dialect dl = { .quoting = -1 };
	struct import_error err;

	ck_assert_int_eq(read_str("\xef\xbb\xbf" "a\tb\tc\n1\t\"2\t3\n", &dl, &err), ST_OK);
	ck_assert_str_eq(seen, "1:a|b|c\n2:1|\"2|3\n");   /* TAB: quoting off */
	ck_assert_int_eq(dl.bom, 1);
	ck_assert_int_eq(dl.quoting, 0);
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	ck_assert_int_eq(read_str("sep=;\na;b\n1,5;2\n", &dl, &err), ST_OK);
	ck_assert_str_eq(seen, "2:a|b\n3:1,5|2\n");
	ck_assert_int_eq(dl.delim, ';');
	ck_assert_int_eq(dl.decimal_comma, 1);
	ck_assert_int_eq(dl.sep_line, 1);
	/* a title line without delimiters above a TAB header: the header's delimiter */
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	ck_assert_int_eq(read_str("Orders report\n\na\tb\n1\t2\n", &dl, &err), ST_OK);
	ck_assert_int_eq(dl.delim, '\t');
	ck_assert_str_eq(seen, "1:Orders report\n3:a|b\n4:1|2\n");
}
END_TEST

START_TEST(encodings_detected_and_invalid_bytes_named)
{
	struct import_dialect dl = { .quoting = -1 };
	struct import_error err;

	/* GBK: 订单号,名称 / 1,王 */
	ck_assert_int_eq(read_str("\xb6\xa9\xb5\xa5\xba\xc5,\xc3\xfb\xb3\xc6\n1,\xcd\xf5\n", &dl, &err), ST_OK);
	ck_assert_int_eq(dl.encoding, ENC_GB18030);
	ck_assert_str_eq(seen, "1:订单号|名称\n2:1|王\n");
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	ck_assert_int_eq(read_str("name,city\nJos\xe9,Li\xe8ge\n", &dl, &err), ST_OK);
	ck_assert_int_eq(dl.encoding, ENC_CP1252);
	ck_assert_str_eq(seen, "1:name|city\n2:José|Liège\n");
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	ck_assert_int_eq(read_str("\xef\xbb\xbf" "a,b\nok,fine\nJo\xc3\xa9 \xff,x\n", &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(err.col, 5);
	ck_assert_ptr_nonnull(strstr(err.what, "not valid utf-8"));
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	dl.encoding = ENC_CP1252;   /* 0x81 is undefined in Windows-1252 */
	ck_assert_int_eq(read_str("a,b\n1,\x81\n", &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 2);
}
END_TEST

/* Text as UTF-16 with its BOM: each character of utf8 as one or two 16-bit units. */
static size_t utf16(const char *utf8, int big, char *out)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n = 0;

	out[n++] = big ? '\xfe' : '\xff';
	out[n++] = big ? '\xff' : '\xfe';
	while (*s) {
		unsigned cp = *s++;
		if (cp >= 0xe0) {
			cp = ((cp & 0x0f) << 12) | ((unsigned)(s[0] & 0x3f) << 6) | (s[1] & 0x3f);
			s += 2;
		} else if (cp >= 0xc0) {
			cp = ((cp & 0x1f) << 6) | (s[0] & 0x3f);
			s++;
		}
		out[n++] = (char)(big ? cp >> 8 : cp & 0xff);
		out[n++] = (char)(big ? cp & 0xff : cp >> 8);
	}
	return n;
}

START_TEST(excel_unicode_text_is_read)
{
	struct import_dialect dl = { .quoting = -1 };
	struct import_error err;
	char buf[512];
	/* 丬 is U+4E2C: its low byte is a comma's, which only the decoded text tells apart */
	const char *text = "\xe4\xb8\xac" "a\tb\tc\r\n1\t\"two\tparts\"\t\"line\r\nend\"\r\n\xe7\x8e\x8b\t\"say \"\"hi\"\"\"\t3\r\n";
	const char *want = "1:\xe4\xb8\xac" "a|b|c\n2:1|two\tparts|line\r\nend\n4:\xe7\x8e\x8b|say \"hi\"|3\n";

	for (int big = 0; big <= 1; big++) {
		memset(&dl, 0, sizeof dl);
		dl.quoting = -1;
		ck_assert_int_eq(read_bytes(buf, utf16(text, big, buf), &dl, &err), ST_OK);
		ck_assert_int_eq(dl.encoding, big ? ENC_UTF16BE : ENC_UTF16LE);
		ck_assert_int_eq(dl.delim, '\t');
		ck_assert_int_eq(dl.quoting, 1);
		ck_assert_str_eq(seen, want);
	}
	/* a cut last character is damage, named at its line */
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	size_t n = utf16("a\tb\r\n1\t2\r\n", 0, buf);
	ck_assert_int_eq(read_bytes(buf, n - 1, &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 3);
	ck_assert_ptr_nonnull(strstr(err.what, "not valid utf-16le"));
}
END_TEST

/* The last row the reader gave, and how many: for files too long for seen. */
static char last_row[256];
static long rows_read, tail_line;

static int keep_last(void *arg, const struct import_row *row)
{
	size_t n = 0;

	(void)arg;
	rows_read++;
	last_row[0] = '\0';
	for (int i = 0; i < row->n && n < sizeof last_row; i++)
		n += (size_t)snprintf(last_row + n, sizeof last_row - n, "%s%s", i ? "|" : "", row->fields[i]);
	return 0;
}

/* head, then rows of ASCII past the first 64 KiB the reader sniffs, then tail. */
static enum status read_long(const char *head, const char *tail, struct import_dialect *dl,
                             struct import_error *err)
{
	static char data[100 * 1024];
	size_t n = (size_t)snprintf(data, sizeof data, "%s", head);
	FILE *fp;
	enum status st;

	for (int i = 0; n + 64 < sizeof data - 256 && n < 80 * 1024; i++)
		n += (size_t)snprintf(data + n, sizeof data - n, "plain %d,ascii row\n", i);
	tail_line = 1;
	for (size_t i = 0; i < n; i++)
		tail_line += data[i] == '\n';
	n += (size_t)snprintf(data + n, sizeof data - n, "%s", tail);
	memset(dl, 0, sizeof *dl);
	dl->quoting = -1;
	rows_read = 0;
	fp = fmemopen(data, n, "rb");
	ck_assert_ptr_nonnull(fp);
	st = import_read(fp, dl, keep_last, NULL, NULL, err, NULL);
	fclose(fp);
	return st;
}

START_TEST(a_late_legacy_byte_after_ascii_picks_the_encoding)
{
	struct import_dialect dl;
	struct import_error err;

	/* 80 KiB of ASCII guessed UTF-8, then Windows-1252: read as Windows-1252. */
	ck_assert_int_eq(read_long("name,city\n", "Jos\xe9,Li\xe8ge\n", &dl, &err), ST_OK);
	ck_assert_int_eq(dl.encoding, ENC_CP1252);
	ck_assert_str_eq(last_row, "José|Liège");
	/* ... or GB18030 when the late bytes are Chinese: 王小明,北京 */
	ck_assert_int_eq(read_long("name,city\n", "\xcd\xf5\xd0\xa1\xc3\xf7,\xb1\xb1\xbe\xa9\n", &dl, &err), ST_OK);
	ck_assert_int_eq(dl.encoding, ENC_GB18030);
	ck_assert_str_eq(last_row, "王小明|北京");
	ck_assert_int_eq(rows_read, tail_line);
	/* UTF-8 already seen before it: a file of two encodings, refused at the byte. */
	ck_assert_int_eq(read_long("name,city\nJos\xc3\xa9,Li\xc3\xa8ge\n", "Jos\xe9,x\n", &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, tail_line);
	ck_assert_int_eq(err.col, 4);
	ck_assert_ptr_nonnull(strstr(err.what, "not valid utf-8"));
	/* A BOM says UTF-8: refused too. */
	ck_assert_int_eq(read_long("\xef\xbb\xbfname,city\n", "Jos\xe9,x\n", &dl, &err), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(err.what, "not valid utf-8"));
	/* So does a profile that names UTF-8. */
	FILE *fp = fmemopen((void *)(size_t)"a,b\nJos\xe9,x\n", 12, "rb");
	memset(&dl, 0, sizeof dl);
	dl.quoting = -1;
	dl.encoding = ENC_UTF8;
	ck_assert_int_eq(import_read(fp, &dl, keep_last, NULL, NULL, &err, NULL), ST_DATAERR);
	fclose(fp);
	ck_assert_int_eq(err.line, 2);
}
END_TEST

START_TEST(damage_stops_with_line_and_column)
{
	struct import_dialect dl = { .quoting = -1 };
	struct import_error err;

	ck_assert_int_eq(read_str("", &dl, &err), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(err.what, "empty"));
	ck_assert_int_eq(read_bytes("a,b\n1,2\x00" "3\n", 11, &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.col, 4);
	ck_assert_int_eq(read_bytes("PK\x03\x04rest", 8, &dl, &err), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(err.what, "xlsx"));
	dl.delim = 0;
	ck_assert_int_eq(read_str("a,b\n1,\"open\n2,3\n", &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.col, 3);
	ck_assert_ptr_nonnull(strstr(err.what, "never closed"));
	/* A field over 64 KiB, then a row over 1 MiB. */
	size_t big = IMPORT_ROW_MAX + 4096;
	char *buf = malloc(big + 40000);
	ck_assert_ptr_nonnull(buf);
	strcpy(buf, "a,b\n1,");
	memset(buf + 6, 'x', IMPORT_FIELD_MAX + 10);
	strcpy(buf + 6 + IMPORT_FIELD_MAX + 10, "\n");
	dl.delim = 0;
	ck_assert_int_eq(read_str(buf, &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.col, 3);
	ck_assert_ptr_nonnull(strstr(err.what, "64 KiB"));
	size_t n = 4;
	strcpy(buf, "a,b\n");
	while (n < big) {
		memset(buf + n, 'y', 30000);
		buf[n + 30000] = ',';
		n += 30001;
	}
	strcpy(buf + n, "\n");
	dl.delim = 0;
	ck_assert_int_eq(read_str(buf, &dl, &err), ST_DATAERR);
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.what, "1024 KiB"));
	free(buf);
}
END_TEST

START_TEST(header_names_fold_case_width_and_space)
{
	char out[128];

	import_header_norm("\xef\xbb\xbf  Lineitem  SKU ", out, sizeof out);
	ck_assert_str_eq(out, "lineitem sku");
	import_header_norm("商家备注等级（等级1-5为由高到低）", out, sizeof out);
	ck_assert_str_eq(out, "商家备注等级(等级1-5为由高到低)");
	import_header_norm("宝贝标题 ", out, sizeof out);
	ck_assert_str_eq(out, "宝贝标题");
	import_header_norm("ＳＫＵ", out, sizeof out);
	ck_assert_str_eq(out, "sku");
}
END_TEST

START_TEST(every_builtin_profile_parses)
{
	struct import_profile p;
	char why[256];
	const char *name;
	size_t n = 0;

	for (size_t i = 0; (name = import_profile_builtin(i)) != NULL; i++, n++)
		ck_assert_msg(import_profile_load(name, &p, why, sizeof why) == ST_OK, "%s: %s", name, why);
	ck_assert_uint_ge(n, 7);
	ck_assert_int_eq(import_profile_load("nope", &p, why, sizeof why), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(why, "shopify"));
	ck_assert_int_eq(import_profile_parse("profile x\nfield nope = a\n", &p, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "line 2"));
}
END_TEST

/* The channels that hide the buyer's contacts say so; the others do not. */
START_TEST(profiles_say_whether_contacts_are_masked)
{
	static const char *const masked[] = { "taobao", "jd", "douyin" };
	static const char *const given[] = { "generic", "shopify", "amazon", "woocommerce" };
	struct import_profile p;
	char why[256];

	for (size_t i = 0; i < sizeof masked / sizeof *masked; i++) {
		ck_assert_int_eq(import_profile_load(masked[i], &p, why, sizeof why), ST_OK);
		ck_assert_msg(p.contacts_masked, "%s", masked[i]);
	}
	for (size_t i = 0; i < sizeof given / sizeof *given; i++) {
		ck_assert_int_eq(import_profile_load(given[i], &p, why, sizeof why), ST_OK);
		ck_assert_msg(!p.contacts_masked, "%s", given[i]);
	}
	ck_assert_int_eq(import_profile_parse("profile x\ncontacts masked\nfield order_ref = Id\n"
	                                      "field sku = SKU\nfield qty = Qty\n", &p, why, sizeof why), 0);
	ck_assert_int_eq(p.contacts_masked, 1);
	ck_assert_int_eq(import_profile_parse("profile x\ncontacts given\nfield order_ref = Id\n"
	                                      "field sku = SKU\nfield qty = Qty\n", &p, why, sizeof why), 0);
	ck_assert_int_eq(p.contacts_masked, 0);
	ck_assert_int_eq(import_profile_parse("profile x\ncontacts hidden\n", &p, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "line 2"));
}
END_TEST

/* Orders handed over, flattened. */
static char orders[8192], rejects[2048];

static int on_order(void *arg, const struct import_order *o)
{
	size_t n = strlen(orders);

	(void)arg;
	n += (size_t)snprintf(orders + n, sizeof orders - n, "%s/%s %ld-%ld %s total=%lld%s:", o->channel,
	                      o->ref, o->line, o->end_line, o->customer, o->total_cents,
	                      o->cancelled ? " cancelled" : "");
	for (int i = 0; i < o->nlines; i++)
		n += (size_t)snprintf(orders + n, sizeof orders - n, " %s*%ld@%lld", o->lines[i].sku,
		                      o->lines[i].qty, o->lines[i].unit_cents);
	for (int i = 0; i < o->nproblems; i++)
		n += (size_t)snprintf(orders + n, sizeof orders - n, " !%s@%ld", import_field_name(o->problems[i].field),
		                      o->problems[i].line);
	snprintf(orders + n, sizeof orders - n, "\n");
	return 0;
}

static int on_reject(void *arg, const struct import_reject *r)
{
	size_t n = strlen(rejects);

	(void)arg;
	snprintf(rejects + n, sizeof rejects - n, "%ld: %s\n", r->line, r->reason);
	return 0;
}

static enum status run(const char *data, const char *profile, struct import_result *res)
{
	FILE *fp = fmemopen((void *)(size_t)data, strlen(data), "rb");
	struct import_opts o = { profile, NULL };
	struct import_sink sink = { on_order, on_reject, NULL, NULL, NULL };
	enum status st;

	orders[0] = rejects[0] = '\0';
	st = import_orders(fp, &o, &sink, res);
	fclose(fp);
	return st;
}

/* Each order's flags, as "REF [flags] ", through a profile with a service field. */
static char flags_seen[512];

static int on_order_flags(void *arg, const struct import_order *o)
{
	size_t n = strlen(flags_seen);

	(void)arg;
	snprintf(flags_seen + n, sizeof flags_seen - n, "%s [%s] ", o->ref, o->flags);
	return 0;
}

static enum status run_flags(const char *data, struct import_result *res)
{
	FILE *fp = fmemopen((void *)(size_t)data, strlen(data), "rb");
	struct import_opts o = { "shopify", NULL };
	struct import_sink sink = { on_order_flags, on_reject, NULL, NULL, NULL };
	enum status st;

	flags_seen[0] = '\0';
	st = import_orders(fp, &o, &sink, res);
	fclose(fp);
	return st;
}

#define GENERIC "channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note\n"

START_TEST(rows_group_into_orders_with_problems)
{
	struct import_result res;

	ck_assert_int_eq(run(GENERIC
	                     "EC,A-1,2026-11-16 08:00,Ann,,13800138000,\"1 Road, Town\",S-1,2,1.50,,,\n"
	                     ",,,,,,,S-2,1,3,,,\n"
	                     "EC,A-2,bad,Bob,,,,,x,abc,,,\n", NULL, &res), ST_OK);
	ck_assert_str_eq(res.profile, "generic");
	ck_assert_int_eq(res.rows, 3);
	ck_assert_int_eq(res.orders, 2);
	ck_assert_str_eq(orders,
	                 "EC/A-1 2-3 Ann total=600: S-1*2@150 S-2*1@300\n"
	                 "EC/A-2 4-4 Bob total=0: *1@0 !sku@4 !qty@4 !unit_price@4 !ordered_at@4 !phone@4 !address@4\n");
}
END_TEST

START_TEST(continuation_rows_and_totals_never_summed)
{
	struct import_result res;

	/* Shopify: order-level columns blank on continuation rows; Total taken once. */
	ck_assert_int_eq(run("Name,Email,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Shipping Name,"
	                     "Shipping Address1,Shipping Phone,Total,Id,Cancelled at\n"
	                     "#1,a@x.org,2025-12-07 19:08:25 +0000,2,8.50,MUG-01,Ann,1 Road,+1 555 0100,20.00,9001,\n"
	                     "#1,a@x.org,2025-12-07 19:08:25 +0000,1,3.00,TEA-02,,,,,,\n"
	                     "#2,b@x.org,2025-12-07 20:00:00 +0000,1,5.00,MUG-01,Bo,2 Road,+1 555 0101,5.00,9002,2025-12-08\n",
	                     NULL, &res), ST_OK);
	ck_assert_str_eq(res.profile, "shopify");
	ck_assert_str_eq(orders,
	                 "EC/9001 2-3 Ann total=2000: MUG-01*2@850 TEA-02*1@300\n"
	                 "EC/9002 4-4 Bo total=500 cancelled: MUG-01*1@500\n");
}
END_TEST

/* A Shopify shop whose products have no SKUs: the profile takes them from the title. */
START_TEST(sku_from_fills_lines_without_a_sku)
{
	static const char data[] =
		"Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
		"Lineitem sku,Shipping Name,Shipping Address1,Shipping City,Shipping Phone,Total,Id\n"
		"#1001,a@x.org,paid,2026-11-16 08:00:00 +0000,2,Sandal - Preto / UK 6,19.90,,Ana Souza,"
		"1 Rua Augusta,Lisboa,(+44)7309085092,39.80,5001\n"
		"#1002,b@x.org,paid,2026-11-16 08:05:00 +0000,1,Clog,9.00,CLOG-1,Bo Lind,2 Road,Leeds,"
		"+44 20 7946 0958,9.00,5002\n";
	char path[] = "/tmp/ordesk-profile-XXXXXX";
	struct import_profile p;
	struct import_result res;
	char why[256];
	int fd = mkstemp(path);

	/* without it, the line is flagged */
	ck_assert_int_eq(run(data, "shopify", &res), ST_OK);
	ck_assert_str_eq(orders, "EC/5001 2-2 Ana Souza total=3980: *2@1990 !sku@2\n"
	                         "EC/5002 3-3 Bo Lind total=900: CLOG-1*1@900\n");
	/* with it, the title is the SKU; a line with its own SKU keeps it */
	static const char prof[] = "base shopify\nprofile myshop\nsku_from Lineitem name\n";
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, prof, sizeof prof - 1), (ssize_t)(sizeof prof - 1));
	close(fd);
	ck_assert_int_eq(run(data, path, &res), ST_OK);
	ck_assert_str_eq(res.profile, "myshop");
	ck_assert_str_eq(orders, "EC/5001 2-2 Ana Souza total=3980: Sandal - Preto / UK 6*2@1990\n"
	                         "EC/5002 3-3 Bo Lind total=900: CLOG-1*1@900\n");
	unlink(path);
	/* the directive's order does not matter; base comes first and is built in */
	ck_assert_int_eq(import_profile_parse("profile y\nsku_from Title\nfield order_ref = Id\n"
	                                      "field sku = SKU | Variant\n", &p, why, sizeof why), 0);
	ck_assert_int_eq(p.map[FIELD_SKU].nalts, 3);
	ck_assert_int_eq(import_profile_parse("profile y\nbase shopify\n", &p, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "base comes before"));
	ck_assert_int_eq(import_profile_parse("base /etc/passwd\n", &p, why, sizeof why), -1);
	ck_assert_int_eq(import_profile_parse("base nope\n", &p, why, sizeof why), -1);
}
END_TEST

START_TEST(urgent_services_are_whole_words)
{
	struct import_profile p;
	char why[256];

	ck_assert_int_eq(import_profile_parse("profile x\nurgent  Next Day, EXPRESS ,,sameday\n"
	                                      "field order_ref = Id\nfield sku = SKU\nfield qty = Qty\n"
	                                      "field service = Ship via\n", &p, why, sizeof why), 0);
	ck_assert_str_eq(p.words[PW_URGENT], "next day\nexpress\nsameday\n");
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "dhl express worldwide"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "ups next day air"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "sameday"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "expressway freight"), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "next days"), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "standard"), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, ""), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, NULL), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "  DHL Express  "), 1);   /* normalized here */
	ck_assert_int_eq(import_profile_has_word(&p, PW_COUNT, "express"), 0);
	ck_assert_int_eq(import_profile_words_field(PW_URGENT), IF_SERVICE);
	ck_assert_int_eq(import_profile_words_field(PW_CANCELLED), IF_STATE);
	ck_assert_int_eq(import_profile_words_field(PW_COUNT), -1);
	/* =WORD: the whole text only. */
	ck_assert_int_eq(import_profile_parse("profile w\nurgent =rush, now\nfield order_ref = Id\nfield sku = SKU\n"
	                                      "field qty = Qty\n", &p, why, sizeof why), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "rush"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "rush hour"), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "ru"), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, ""), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "ship now"), 1);
	/* No urgent words: nothing is urgent by its service. */
	ck_assert_int_eq(import_profile_parse("profile y\nfield order_ref = Id\nfield sku = SKU\nfield qty = Qty\n", &p, why,
	                                      sizeof why), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "express"), 0);
	char many[1000] = "profile z\nurgent ";
	for (int i = 0; i < 60; i++)   /* 600 bytes of words: more than a list holds */
		strcat(many, "overnight,");
	ck_assert_int_eq(import_profile_parse(many, &p, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "too many urgent words"));
}
END_TEST

/* The shipped profiles' shipped words, on states as the channels write them (normalized). */
START_TEST(shipped_states_of_each_channel)
{
	static const struct {
		const char *profile, *state;
		int shipped;
	} cases[] = {
		{ "shopify", "paid, fulfilled", 1 },
		{ "shopify", "paid, unfulfilled", 0 },
		{ "shopify", "paid, partial", 0 },
		{ "shopify", "paid", 0 },
		{ "amazon", "shipped", 1 },
		{ "amazon", "shipped - delivered to buyer", 1 },
		{ "amazon", "unshipped", 0 },
		{ "amazon", "partiallyshipped", 0 },
		{ "amazon", "pending", 0 },
		{ "woocommerce", "completed", 1 },
		{ "woocommerce", "processing", 0 },
		{ "taobao", "卖家已发货，等待买家确认", 1 },
		{ "taobao", "买家已付款，等待卖家发货", 0 },
		{ "taobao", "交易成功", 1 },
		{ "jd", "等待确认收货", 1 },
		{ "jd", "等待出库", 0 },
		{ "jd", "完成", 1 },
		{ "jd", "未完成", 0 },
		{ "douyin", "已发货", 1 },
		{ "douyin", "待发货", 0 },
		{ "generic", "shipped by channel", 1 },
		{ "generic", "paid", 0 },
	};
	struct import_profile p;
	char why[256];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(import_profile_load(cases[i].profile, &p, why, sizeof why), ST_OK);
		ck_assert_msg(import_profile_has_word(&p, PW_SHIPPED, cases[i].state) == cases[i].shipped, "%s: '%s' should%s be shipped",
		              cases[i].profile, cases[i].state, cases[i].shipped ? "" : " not");
	}
	/* Amazon's fulfillment-channel: Amazon (AFN) ships it, the merchant (MFN) does not. */
	ck_assert_int_eq(import_profile_load("amazon", &p, why, sizeof why), ST_OK);
	ck_assert_int_eq(import_profile_has_word(&p, PW_CHANNEL_FULFILS, "amazon"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_CHANNEL_FULFILS, "afn"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_CHANNEL_FULFILS, "merchant"), 0);
	ck_assert_int_eq(import_profile_has_word(&p, PW_CHANNEL_FULFILS, ""), 0);
	ck_assert_int_eq(import_profile_load("shopify", &p, why, sizeof why), ST_OK);
	ck_assert_int_eq(import_profile_has_word(&p, PW_CHANNEL_FULFILS, "amazon"), 0);
}
END_TEST

START_TEST(an_urgent_service_adds_the_urgent_flag)
{
	struct import_result res;
	struct import_profile p;
	char why[256];

	/* The amazon profile: ship-service-level NextDay is urgent, Standard is not. */
	ck_assert_int_eq(import_profile_load("amazon", &p, why, sizeof why), ST_OK);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "nextday"), 1);
	ck_assert_int_eq(import_profile_has_word(&p, PW_URGENT, "standard"), 0);
	/* The shopify profile: Shipping Method by its words; Tags' own flags kept. */
	ck_assert_int_eq(run_flags("Name,Id,Created at,Lineitem quantity,Lineitem sku,Shipping Name,Shipping Address1,"
	                           "Shipping Phone,Tags,Shipping Method\n"
	                           "#1,A-1,2026-11-16 08:00,1,S-1,Ann,1 Road,13800138000,,DHL Express Worldwide\n"
	                           "#1,,2026-11-16 08:00,2,S-2,,,,,\n"
	                           "#2,A-2,2026-11-16 08:00,1,S-1,Bo,2 Road,13800138001,vip,Standard Shipping\n"
	                           "#3,A-3,2026-11-16 08:00,1,S-1,Cy,3 Road,13800138002,\"urgent, vip\",Next Day\n"
	                           "#4,A-4,2026-11-16 08:00,1,S-1,Di,4 Road,13800138003,vip,Expressway Freight\n",
	                           &res), ST_OK);
	ck_assert_int_eq(res.orders, 4);
	ck_assert_str_eq(flags_seen, "A-1 [urgent] A-2 [vip] A-3 [urgent,vip] A-4 [vip] ");
}
END_TEST

/* Each order's verdict, states, cause, lines and problems, as "REF c1 s0 [states] field:cause SKU.. pN | ". */
static char states_seen[1024];

static int on_order_states(void *arg, const struct import_order *o)
{
	size_t n = strlen(states_seen);

	(void)arg;
	n += (size_t)snprintf(states_seen + n, sizeof states_seen - n, "%s c%d s%d [%s] %s:%s", o->ref,
	                      o->cancelled, o->shipped, o->state, import_field_name(o->cause_field), o->cause);
	for (int i = 0; i < o->nlines; i++)
		n += (size_t)snprintf(states_seen + n, sizeof states_seen - n, " %s", o->lines[i].sku);
	snprintf(states_seen + n, sizeof states_seen - n, " p%d | ", o->nproblems);
	return 0;
}

static enum status run_states(const char *data, const char *profile, struct import_result *res)
{
	FILE *fp = fmemopen((void *)(size_t)data, strlen(data), "rb");
	struct import_opts o = { profile, NULL };
	struct import_sink sink = { on_order_states, on_reject, NULL, NULL, NULL };
	enum status st;

	states_seen[0] = '\0';
	st = import_orders(fp, &o, &sink, res);
	fclose(fp);
	return st;
}

#define DOUYIN "主订单编号,子订单编号,选购商品,商品数量,商家编码,订单应付金额,收件人,收件人手机号,详细地址," \
               "订单提交时间,订单状态,售后状态,取消原因\n"

/* Douyin gives each sub-order its state: one closed (a free gift) beside one to
 * ship is not a cancelled order, and its line is dropped; the order is
 * cancelled when every sub-order is, quoting the state that says so. */
START_TEST(states_are_per_line_where_the_channel_gives_them)
{
	struct import_result res;

	ck_assert_int_eq(run_states(DOUYIN
	                            "D1,D1a,耳机,1,DY-1001,199.00,孙悦,13700003333,广州 体育西路 8 号,2026-11-16 07:10:00,待发货,,\n"
	                            "D1,D1b,手机壳,1,DY-1002,0.00,孙悦,13700003333,广州 体育西路 8 号,2026-11-16 07:10:00,已关闭,,赠品库存不足\n"
	                            "D2,D2a,耳机,1,DY-1001,199.00,吴迪,13500005555,苏州 人民路 3 号,2026-11-16 07:30:00,待发货,,\n"
	                            "D2,D2b,手机壳,1,DY-1002,0.00,吴迪,13500005555,苏州 人民路 3 号,2026-11-16 07:30:00,已关闭,,拍错了\n"
	                            "D2,D2c,手机壳,1,DY-1002,0.00,吴迪,13500005555,苏州 人民路 3 号,2026-11-16 07:30:00,已关闭,,拍错了\n"
	                            "D3,D3a,耳机,1,DY-1001,199.00,周航,13600004444,杭州 文三路 20 号,2026-11-16 07:20:00,已发货,,\n"
	                            "D3,D3b,手机壳,1,DY-1002,0.00,周航,13600004444,杭州 文三路 20 号,2026-11-16 07:20:00,已关闭,,缺货\n"
	                            "D4,D4a,手机壳,1,DY-1002,0.00,郑洁,13600006666,杭州 文一路 1 号,2026-11-16 07:40:00,已关闭,,缺货\n"
	                            "D4,D4b,耳机,1,DY-1001,199.00,郑洁,13600006666,杭州 文一路 1 号,2026-11-16 07:40:00,已关闭,退款成功,\n"
	                            "D5,D5a,耳机,1,DY-1001,199.00,钱多,13600007777,杭州 文二路 2 号,2026-11-16 07:50:00,待发货,,\n"
	                            "D5,D5b,手机壳,x,,0.00,钱多,13600007777,杭州 文二路 2 号,2026-11-16 07:50:00,已关闭,,缺货\n",
	                            "douyin", &res), ST_OK);
	ck_assert_str_eq(states_seen,
	                 "D1 c0 s0 [待发货; 已关闭] state: DY-1001 p0 | "
	                 "D2 c0 s0 [待发货; 已关闭] state: DY-1001 p0 | "
	                 "D3 c0 s1 [已发货; 已关闭] state:已发货 DY-1001 p0 | "
	                 "D4 c1 s0 [已关闭; 已关闭, 退款成功] state:已关闭 DY-1002 DY-1001 p0 | "
	                 "D5 c0 s0 [待发货; 已关闭] state: DY-1001 p0 | ");
	/* Amazon's All Orders report: each item its item-status, the order-status when it has none. */
	ck_assert_int_eq(run_states("amazon-order-id\tpurchase-date\torder-status\tsku\titem-status\tquantity\t"
	                            "ship-city\tship-postal-code\tship-country\n"
	                            "A1\t2026-11-15T10:00:00+01:00\tPending\tMUG-01\tUnshipped\t1\tLiege\t4000\tBE\n"
	                            "A1\t2026-11-15T10:00:00+01:00\tPending\tTEA-02\tCancelled\t2\tLiege\t4000\tBE\n"
	                            "A2\t2026-11-15T11:00:00+01:00\tCancelled\tTEA-02\t\t2\tGeneve\t1201\tCH\n",
	                            "amazon", &res), ST_OK);
	ck_assert_str_eq(states_seen,
	                 "A1 c0 s0 [Unshipped; Cancelled] state: MUG-01 p2 | "
	                 "A2 c1 s0 [Cancelled] state:Cancelled TEA-02 p2 | ");
	/* A row that says no state has the order's (Shopify's continuation rows). */
	ck_assert_int_eq(run_states("Name,Id,Created at,Lineitem quantity,Lineitem sku,Shipping Name,Shipping Address1,"
	                            "Shipping Phone,Financial Status,Fulfillment Status,Cancelled at\n"
	                            "#1,A-1,2026-11-16 08:00,1,S-1,Ann,1 Road,13800138000,refunded,,2026-11-16 09:00\n"
	                            "#1,,2026-11-16 08:00,2,S-2,,,,,,\n"
	                            "#2,A-2,2026-11-16 08:00,1,S-1,Bo,2 Road,13800138001,paid,fulfilled,\n"
	                            "#2,,2026-11-16 08:00,2,S-2,,,,,,\n",
	                            "shopify", &res), ST_OK);
	ck_assert_str_eq(states_seen,
	                 "A-1 c1 s0 [refunded] cancelled_at:2026-11-16 09:00 S-1 S-2 p0 | "
	                 "A-2 c0 s1 [paid, fulfilled] state:paid, fulfilled S-1 S-2 p0 | ");
}
END_TEST

/* Taobao's order report gives one line per order and only the order's total:
 * the line is priced from it (a priced line keeps its own price). */
START_TEST(a_single_line_without_a_price_takes_the_total)
{
	struct import_result res;

	ck_assert_int_eq(run("订单编号,总金额,收货人,联系手机,收货地址,订单创建时间,宝贝标题,宝贝总数量,修改后的sku\n"
	                     "T-1,258.00,冯雪,13900001234,北京 建国路 88 号,2026-11-16 06:50:00,围巾,2,TB-3001\n"
	                     "T-2,100.00,冯雪,13900001234,北京 建国路 88 号,2026-11-16 06:50:00,围巾,3,TB-3001\n",
	                     "taobao", &res), ST_OK);
	ck_assert_str_eq(orders,
	                 "EC/T-1 2-2 冯雪 total=25800: TB-3001*2@12900\n"
	                 "EC/T-2 3-3 冯雪 total=10000: TB-3001*3@3333\n");
	ck_assert_int_eq(run(GENERIC
	                     "EC,A-1,2026-11-16 08:00,Ann,,13800138000,\"1 Road, Town\",S-1,2,1.50,,,\n",
	                     NULL, &res), ST_OK);
	ck_assert_str_eq(orders, "EC/A-1 2-2 Ann total=300: S-1*2@150\n");
}
END_TEST

START_TEST(rows_without_an_order_are_rejected)
{
	struct import_result res;

	ck_assert_int_eq(run(GENERIC
	                     "EC,,2026-11-16,Ann,,,,S-1,1,,,,\n"
	                     "EC,2.34568E+18,2026-11-16,Ann,,,,S-1,1,,,,\n"
	                     "EC,2.34568E+18,2026-11-16,Ann,,,,S-2,1,,,,\n"
	                     "e1,B-1,2026-11-16,Ann,,,,S-1,1,,,,\n"
	                     "EC,C-1,2026-11-16,Cy,,,,S-1,1,,,,\n"
	                     "EC,C-2,2026-11-16,Di,,,,S-1,1,,,,\n"
	                     "EC,C-1,2026-11-16,Cy,,,,S-1,1,,,,\n"
	                     "EC,,2026-11-16,Eve,,,,S-1,1,,,,\n", NULL, &res), ST_OK);
	ck_assert_int_eq(res.rejected, 6);
	ck_assert_int_eq(res.orders, 2);
	ck_assert_ptr_nonnull(strstr(rejects, "2: no order id\n"));
	ck_assert_ptr_nonnull(strstr(rejects, "3: order id 2.34568E+18: mangled"));
	ck_assert_ptr_nonnull(strstr(rejects, "4: order id 2.34568E+18: mangled"));
	ck_assert_ptr_nonnull(strstr(rejects, "5: channel e1:"));
	ck_assert_ptr_nonnull(strstr(rejects, "8: order C-1 already appeared"));
	ck_assert_ptr_nonnull(strstr(rejects, "9: no order id\n"));
}
END_TEST

START_TEST(unknown_header_says_what_was_expected)
{
	struct import_result res;

	ck_assert_int_eq(run("order number,product\n1,2\n", NULL, &res), ST_DATAERR);
	ck_assert_int_eq(res.err.line, 1);
	ck_assert_ptr_nonnull(strstr(res.err.what, "channel, order_ref, ordered_at"));
	ck_assert_int_eq(run(GENERIC, "amazon", &res), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(res.err.what, "amazon profile needs"));
	ck_assert_int_eq(run(GENERIC, NULL, &res), ST_OK);    /* header only: nothing */
	ck_assert_int_eq(res.orders, 0);
}
END_TEST


/* Each order's date, as "REF=TIME " (0 when unread), and its date problem, through the generic profile. */
static char dates_seen[65536];

static int on_order_date(void *arg, const struct import_order *o)
{
	size_t n = strlen(dates_seen);

	(void)arg;
	n += (size_t)snprintf(dates_seen + n, sizeof dates_seen - n, "%s=%lld", o->ref, (long long)o->ordered_at);
	for (int i = 0; i < o->nproblems; i++)
		if (o->problems[i].field == FIELD_ORDERED_AT)
			n += (size_t)snprintf(dates_seen + n, sizeof dates_seen - n, "!");
	snprintf(dates_seen + n, sizeof dates_seen - n, " ");
	return 0;
}

static enum status run_dates(const char *data, const char *profile, struct import_result *res)
{
	FILE *fp = fmemopen((void *)(size_t)data, strlen(data), "rb");
	struct import_opts o = { profile, NULL };
	struct import_sink sink = { on_order_date, on_reject, NULL, NULL, NULL };
	enum status st;

	dates_seen[0] = rejects[0] = '\0';
	st = import_orders(fp, &o, &sink, res);
	fclose(fp);
	return st;
}

#define DATED(ref, date) "EC," ref "," date ",Ann,,13800138000,1 Road,S-1,1,1,,,\n"

START_TEST(a_slash_date_follows_the_files_own_evidence)
{
	struct import_result res;
	char path[] = "/tmp/ordesk-mdy-XXXXXX";

	setenv("TZ", "UTC", 1);
	tzset();
	/* 07/12/2025 alone: the file does not say; the date is flagged, not guessed */
	ck_assert_int_eq(run_dates(GENERIC DATED("A-1", "07/12/2025 19:08"), NULL, &res), ST_OK);
	ck_assert_str_eq(dates_seen, "A-1=0! ");
	/* a later 25/12/2025 settles day first for the whole file, the earlier order included */
	ck_assert_int_eq(run_dates(GENERIC DATED("A-1", "07/12/2025 19:08") DATED("A-2", "25/12/2025 10:00")
	                           DATED("A-3", "03/04/2026 10:00"), NULL, &res), ST_OK);
	ck_assert_str_eq(dates_seen, "A-1=1765134480 A-2=1766656800 A-3=1775210400 ");
	/* a 12/25/2025 settles month first */
	ck_assert_int_eq(run_dates(GENERIC DATED("A-1", "07/12/2025 19:08") DATED("A-2", "12/25/2025 10:00"), NULL,
	                           &res), ST_OK);
	ck_assert_str_eq(dates_seen, "A-1=1752347280 A-2=1766656800 ");
	/* a file that says both: the ambiguous ones are flagged, the plain ones read */
	ck_assert_int_eq(run_dates(GENERIC DATED("A-1", "25/12/2025 10:00") DATED("A-2", "12/25/2025 10:00")
	                           DATED("A-3", "07/12/2025 19:08"), NULL, &res), ST_OK);
	ck_assert_str_eq(dates_seen, "A-1=1766656800 A-2=1766656800 A-3=0! ");
	/* a profile that states its order reads the ambiguous date so, unless the file says otherwise */
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *prof = "profile mdy-shop\nchannel EC\ndates mdy\nfield order_ref = order_ref\n"
	                   "field ordered_at = ordered_at\nfield sku = sku\nfield qty = qty\n";
	ck_assert_int_eq(write(fd, prof, strlen(prof)), (ssize_t)strlen(prof));
	close(fd);
	ck_assert_int_eq(run_dates(GENERIC DATED("A-1", "07/12/2025 19:08"), path, &res), ST_OK);
	ck_assert_str_eq(dates_seen, "A-1=1752347280 ");
	ck_assert_int_eq(run_dates(GENERIC DATED("A-1", "07/12/2025 19:08") DATED("A-2", "31/12/2025 10:00"), path,
	                           &res), ST_OK);
	ck_assert_str_eq(dates_seen, "A-1=1765134480 A-2=1767175200 ");
	unlink(path);
}
END_TEST

START_TEST(evidence_past_the_held_rows_settles_only_later_orders)
{
	struct import_result res;
	size_t cap = 2100 * 64 + 1024, n = 0;
	char *data = malloc(cap);

	ck_assert_ptr_nonnull(data);
	setenv("TZ", "UTC", 1);
	tzset();
	n += (size_t)snprintf(data + n, cap - n, GENERIC);
	for (int i = 1; i <= 2001; i++)   /* one more than the rows held back */
		n += (size_t)snprintf(data + n, cap - n, "EC,B-%d,07/12/2025 19:08,Ann,,13800138000,1 Road,S-1,1,1,,,\n", i);
	n += (size_t)snprintf(data + n, cap - n, DATED("B-LAST", "25/12/2025 10:00"));
	n += (size_t)snprintf(data + n, cap - n, DATED("B-AFTER", "07/12/2025 19:08"));
	ck_assert_int_eq(run_dates(data, NULL, &res), ST_OK);
	ck_assert_int_eq(res.orders, 2003);
	ck_assert_ptr_nonnull(strstr(dates_seen, "B-1=0! "));
	ck_assert_ptr_nonnull(strstr(dates_seen, "B-2000=0! "));
	/* an order is handed over once the row after it is read: that row's date counts */
	ck_assert_ptr_nonnull(strstr(dates_seen, "B-2001=1765134480 "));
	ck_assert_ptr_nonnull(strstr(dates_seen, "B-AFTER=1765134480 "));
	free(data);
}
END_TEST

START_TEST(a_header_only_two_columns_fit_is_refused)
{
	struct import_result res;
	char hdr[2048] = "Order Number,SKU,Quantity";

	/* The columns woocommerce requires and one more, among 42 it does not know */
	for (int i = 0; i < 39; i++)
		snprintf(hdr + strlen(hdr), sizeof hdr - strlen(hdr), ",Other column %d", i);
	strcat(hdr, "\n05-1-1,S-1,1\n");
	ck_assert_int_eq(run(hdr, NULL, &res), ST_DATAERR);
	ck_assert_int_eq(res.err.line, 1);
	ck_assert_msg(strstr(res.err.what, "the closest profile, woocommerce, knows only 3 of its 42 columns "
	                                   "(order number, sku, quantity; --profile woocommerce reads it so)") != NULL,
	              "%s", res.err.what);
	ck_assert_str_eq(orders, "");
	/* its own profile named: it is taken */
	ck_assert_int_eq(run(hdr, "woocommerce", &res), ST_OK);
	ck_assert_int_eq(res.orders, 1);
}
END_TEST

START_TEST(the_header_is_found_below_title_lines)
{
	struct import_result res;

	/* a report's title and date above the header; a line of bare commas */
	ck_assert_int_eq(run("Orders export\nShop: Example\n,,,,\n" GENERIC
	                     "EC,A-1,2026-11-16 08:00,Ann,,13800138000,1 Road,S-1,2,1.50,,,\n", NULL, &res), ST_OK);
	ck_assert_str_eq(res.profile, "generic");
	ck_assert_int_eq(res.rows, 1);
	ck_assert_str_eq(orders, "EC/A-1 5-5 Ann total=300: S-1*2@150\n");
	ck_assert_int_eq(run("\xe4\xba\xac\xe4\xb8\x9c\xe8\xae\xa2\xe5\x8d\x95\n" GENERIC
	                     "EC,A-1,2026-11-16 08:00,Ann,,13800138000,1 Road,S-1,2,1.50,,,\n", "generic", &res), ST_OK);
	ck_assert_int_eq(res.orders, 1);
	/* no header within the first ten rows: refused at the row closest to one */
	char junk[1024] = "";
	for (int i = 0; i < 4; i++)
		strcat(junk, "a title\n");
	strcat(junk, "order_ref,qty,nothing\n");
	for (int i = 0; i < 6; i++)
		strcat(junk, "more text\n");
	strcat(junk, GENERIC);
	ck_assert_int_eq(run(junk, NULL, &res), ST_DATAERR);
	ck_assert_int_eq(res.err.line, 5);
	ck_assert_msg(strstr(res.err.what, "the closest profile, generic, lacks sku") != NULL, "%s", res.err.what);
	ck_assert_int_eq(run("a title\nanother\n", NULL, &res), ST_DATAERR);
	ck_assert_int_eq(res.err.line, 1);
	ck_assert_ptr_nonnull(strstr(res.err.what, "matches no import profile"));
}
END_TEST

START_TEST(total_and_footer_rows_are_rejected_with_their_reason)
{
	struct import_result res;
	char path[] = "/tmp/ordesk-footer-XXXXXX";

	ck_assert_int_eq(run(GENERIC
	                     "EC,A-1,2026-11-16 08:00,Ann,,13800138000,1 Road,S-1,2,1.50,,,\n"
	                     "EC,A-2,2026-11-16 08:00,Bo,,13800138001,2 Road,S-2,1,3,,,\n"
	                     ",\xe5\x90\x88\xe8\xae\xa1,,,,,,,3,4.50,,,\n"
	                     "Total:,,,,,,,,3,4.50,,,\n", NULL, &res), ST_OK);
	ck_assert_str_eq(orders, "EC/A-1 2-2 Ann total=300: S-1*2@150\nEC/A-2 3-3 Bo total=300: S-2*1@300\n");
	ck_assert_str_eq(rejects, "4: a total row (\xe5\x90\x88\xe8\xae\xa1), not an order\n5: a total row (Total), not an order\n");
	/* "total" in an order's own cells is no total row */
	ck_assert_int_eq(run(GENERIC "EC,A-1,2026-11-16 08:00,Ann,,13800138000,1 Road,S-1,2,1.50,,,Total\n", NULL, &res),
	                 ST_OK);
	ck_assert_int_eq(res.orders, 1);
	ck_assert_str_eq(rejects, "");
	/* a profile's footer words: in a row without an order id, or as its order id */
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *prof = "profile footed\nchannel EC\nfooter record(s) downloaded, seller id\n"
	                   "field order_ref = order_ref\nfield sku = sku\nfield qty = qty\n";
	ck_assert_int_eq(write(fd, prof, strlen(prof)), (ssize_t)strlen(prof));
	close(fd);
	ck_assert_int_eq(run("n,order_ref,sku,qty\n1,A-1,S-1,1\n,A-1,S-2,1\n2,record(s) downloaded,from Sep-01-26,\n"
	                     "Seller ID : shop-1,,,\n", path, &res), ST_OK);
	ck_assert_int_eq(res.orders, 1);
	ck_assert_str_eq(rejects, "4: a footer line of the export (record(s) downloaded), not an order\n"
	                          "5: a footer line of the export (Seller ID : shop-1), not an order\n");
	unlink(path);
}
END_TEST

START_TEST(a_declared_description_row_is_skipped_only_under_the_header)
{
	struct import_result res;
	char path[] = "/tmp/ordesk-desc-XXXXXX";
	int fd = mkstemp(path);
	const char *prof = "profile described\nchannel EC\ndescription the order's id\n"
	                   "field order_ref = Order\nfield sku = SKU\nfield qty = Qty\n";

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, prof, strlen(prof)), (ssize_t)strlen(prof));
	close(fd);
	ck_assert_int_eq(run("Order,SKU,Qty\nThe order's id.,Your SKU,Units\nA-1,S-1,2\n", path, &res), ST_OK);
	ck_assert_int_eq(res.rows, 1);
	ck_assert_str_eq(orders, "EC/A-1 3-3  total=0: S-1*2@0 !ordered_at@3 !customer@3 !phone@3 !address@3\n");
	/* without it, the file is read as it is */
	ck_assert_int_eq(run("Order,SKU,Qty\nA-1,S-1,2\n", path, &res), ST_OK);
	ck_assert_int_eq(res.orders, 1);
	/* further down, such a row is no description: it is read like any other */
	ck_assert_int_eq(run("Order,SKU,Qty\nA-1,S-1,2\nThe order's id.,Your SKU,Units\n", path, &res), ST_OK);
	ck_assert_int_eq(res.rows, 2);
	ck_assert_int_eq(res.orders, 2);
	unlink(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_read");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, physical_lines_with_every_line_end);
	tcase_add_test(tc, delimiters_bom_and_sep_line);
	tcase_add_test(tc, encodings_detected_and_invalid_bytes_named);
	tcase_add_test(tc, excel_unicode_text_is_read);
	tcase_add_test(tc, a_late_legacy_byte_after_ascii_picks_the_encoding);
	tcase_add_test(tc, damage_stops_with_line_and_column);
	tcase_add_test(tc, header_names_fold_case_width_and_space);
	tcase_add_test(tc, every_builtin_profile_parses);
	tcase_add_test(tc, profiles_say_whether_contacts_are_masked);
	tcase_add_test(tc, rows_group_into_orders_with_problems);
	tcase_add_test(tc, continuation_rows_and_totals_never_summed);
	tcase_add_test(tc, rows_without_an_order_are_rejected);
	tcase_add_test(tc, urgent_services_are_whole_words);
	tcase_add_test(tc, sku_from_fills_lines_without_a_sku);
	tcase_add_test(tc, an_urgent_service_adds_the_urgent_flag);
	tcase_add_test(tc, shipped_states_of_each_channel);
	tcase_add_test(tc, states_are_per_line_where_the_channel_gives_them);
	tcase_add_test(tc, a_single_line_without_a_price_takes_the_total);
	tcase_add_test(tc, unknown_header_says_what_was_expected);
	tcase_add_test(tc, a_slash_date_follows_the_files_own_evidence);
	tcase_add_test(tc, evidence_past_the_held_rows_settles_only_later_orders);
	tcase_add_test(tc, a_header_only_two_columns_fit_is_refused);
	tcase_add_test(tc, the_header_is_found_below_title_lines);
	tcase_add_test(tc, total_and_footer_rows_are_rejected_with_their_reason);
	tcase_add_test(tc, a_declared_description_row_is_skipped_only_under_the_header);
	suite_add_tcase(s, tc);
	return t_run(s);
}
