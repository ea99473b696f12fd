/* libmnl and libsmartcols, loaded on first use. Linking them costs every start of every
 * applet about 0.2 ms (nsenter-lite and nsunshare need neither for most commands). Each call
 * site resolves its function once; include this header instead of the libraries' own. */
#ifndef NSBOX_LAZYLIB_H
#define NSBOX_LAZYLIB_H

#include <libmnl/libmnl.h>
#include <libsmartcols/libsmartcols.h>

enum ns_lazy_lib { NS_LIB_MNL, NS_LIB_SCOLS };

/* The address of name in lib; a library that cannot be loaded is fatal, as it is for the
 * dynamic linker when a program is linked against it. */
void *ns_lazy_sym(enum ns_lazy_lib lib, const char *name);

#define NS_LAZY(lib, fn)                                                        \
	(*({                                                                    \
		static __typeof__(&fn) ns_lazy_fn_;                             \
		if (!ns_lazy_fn_)                                               \
			ns_lazy_fn_ = (__typeof__(&fn))ns_lazy_sym(lib, #fn);   \
		ns_lazy_fn_;                                                    \
	}))

#define mnl_nlmsg_put_extra_header NS_LAZY(NS_LIB_MNL, mnl_nlmsg_put_extra_header)
#define mnl_attr_put_u32_check NS_LAZY(NS_LIB_MNL, mnl_attr_put_u32_check)
#define mnl_nlmsg_put_header NS_LAZY(NS_LIB_MNL, mnl_nlmsg_put_header)
#define mnl_nlmsg_get_payload NS_LAZY(NS_LIB_MNL, mnl_nlmsg_get_payload)
#define mnl_attr_put_strz_check NS_LAZY(NS_LIB_MNL, mnl_attr_put_strz_check)
#define mnl_nlmsg_size NS_LAZY(NS_LIB_MNL, mnl_nlmsg_size)
#define mnl_attr_put_check NS_LAZY(NS_LIB_MNL, mnl_attr_put_check)
#define mnl_attr_nest_end NS_LAZY(NS_LIB_MNL, mnl_attr_nest_end)
#define mnl_attr_validate NS_LAZY(NS_LIB_MNL, mnl_attr_validate)
#define mnl_attr_nest_start_check NS_LAZY(NS_LIB_MNL, mnl_attr_nest_start_check)
#define mnl_attr_get_type NS_LAZY(NS_LIB_MNL, mnl_attr_get_type)
#define mnl_attr_get_payload_len NS_LAZY(NS_LIB_MNL, mnl_attr_get_payload_len)
#define mnl_cb_run2 NS_LAZY(NS_LIB_MNL, mnl_cb_run2)
#define mnl_attr_put_u32 NS_LAZY(NS_LIB_MNL, mnl_attr_put_u32)
#define mnl_attr_put_strz NS_LAZY(NS_LIB_MNL, mnl_attr_put_strz)
#define mnl_attr_parse NS_LAZY(NS_LIB_MNL, mnl_attr_parse)
#define mnl_socket_close NS_LAZY(NS_LIB_MNL, mnl_socket_close)
#define mnl_attr_get_u32 NS_LAZY(NS_LIB_MNL, mnl_attr_get_u32)
#define mnl_attr_get_str NS_LAZY(NS_LIB_MNL, mnl_attr_get_str)
#define mnl_attr_get_payload NS_LAZY(NS_LIB_MNL, mnl_attr_get_payload)
#define mnl_socket_setsockopt NS_LAZY(NS_LIB_MNL, mnl_socket_setsockopt)
#define mnl_socket_sendto NS_LAZY(NS_LIB_MNL, mnl_socket_sendto)
#define mnl_socket_recvfrom NS_LAZY(NS_LIB_MNL, mnl_socket_recvfrom)
#define mnl_socket_open2 NS_LAZY(NS_LIB_MNL, mnl_socket_open2)
#define mnl_socket_get_portid NS_LAZY(NS_LIB_MNL, mnl_socket_get_portid)
#define mnl_socket_bind NS_LAZY(NS_LIB_MNL, mnl_socket_bind)
#define mnl_nlmsg_ok NS_LAZY(NS_LIB_MNL, mnl_nlmsg_ok)
#define mnl_nlmsg_next NS_LAZY(NS_LIB_MNL, mnl_nlmsg_next)
#define mnl_nlmsg_get_payload_offset NS_LAZY(NS_LIB_MNL, mnl_nlmsg_get_payload_offset)
#define mnl_attr_put NS_LAZY(NS_LIB_MNL, mnl_attr_put)
#define mnl_attr_ok NS_LAZY(NS_LIB_MNL, mnl_attr_ok)
#define mnl_attr_next NS_LAZY(NS_LIB_MNL, mnl_attr_next)
#define mnl_attr_nest_start NS_LAZY(NS_LIB_MNL, mnl_attr_nest_start)
#define mnl_attr_get_u8 NS_LAZY(NS_LIB_MNL, mnl_attr_get_u8)
#define mnl_attr_get_u16 NS_LAZY(NS_LIB_MNL, mnl_attr_get_u16)
#define mnl_attr_put_u8 NS_LAZY(NS_LIB_MNL, mnl_attr_put_u8)
#define mnl_attr_put_u16 NS_LAZY(NS_LIB_MNL, mnl_attr_put_u16)
#define mnl_attr_nest_cancel NS_LAZY(NS_LIB_MNL, mnl_attr_nest_cancel)
#define mnl_nlmsg_batch_start NS_LAZY(NS_LIB_MNL, mnl_nlmsg_batch_start)
#define mnl_socket_open NS_LAZY(NS_LIB_MNL, mnl_socket_open)
#define mnl_cb_run NS_LAZY(NS_LIB_MNL, mnl_cb_run)
#define mnl_nlmsg_get_payload_tail NS_LAZY(NS_LIB_MNL, mnl_nlmsg_get_payload_tail)

#define scols_column_set_json_type NS_LAZY(NS_LIB_SCOLS, scols_column_set_json_type)
#define scols_column_set_wrapfunc NS_LAZY(NS_LIB_SCOLS, scols_column_set_wrapfunc)
#define scols_line_add_child NS_LAZY(NS_LIB_SCOLS, scols_line_add_child)
#define scols_line_refer_data NS_LAZY(NS_LIB_SCOLS, scols_line_refer_data)
#define scols_line_set_data NS_LAZY(NS_LIB_SCOLS, scols_line_set_data)
#define scols_new_table NS_LAZY(NS_LIB_SCOLS, scols_new_table)
#define scols_print_table NS_LAZY(NS_LIB_SCOLS, scols_print_table)
#define scols_print_table_to_string NS_LAZY(NS_LIB_SCOLS, scols_print_table_to_string)
#define scols_table_enable_json NS_LAZY(NS_LIB_SCOLS, scols_table_enable_json)
#define scols_table_enable_noheadings NS_LAZY(NS_LIB_SCOLS, scols_table_enable_noheadings)
#define scols_table_enable_nowrap NS_LAZY(NS_LIB_SCOLS, scols_table_enable_nowrap)
#define scols_table_enable_raw NS_LAZY(NS_LIB_SCOLS, scols_table_enable_raw)
#define scols_table_is_json NS_LAZY(NS_LIB_SCOLS, scols_table_is_json)
#define scols_table_new_column NS_LAZY(NS_LIB_SCOLS, scols_table_new_column)
#define scols_table_new_line NS_LAZY(NS_LIB_SCOLS, scols_table_new_line)
#define scols_table_set_name NS_LAZY(NS_LIB_SCOLS, scols_table_set_name)
#define scols_unref_table NS_LAZY(NS_LIB_SCOLS, scols_unref_table)
#define scols_wrapnl_chunksize NS_LAZY(NS_LIB_SCOLS, scols_wrapnl_chunksize)
#define scols_wrapnl_nextchunk NS_LAZY(NS_LIB_SCOLS, scols_wrapnl_nextchunk)

#endif
