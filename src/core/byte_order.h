/*
 * byte_order.h: big-endian integers in binary formats.
 *
 * Binary send/receive formats and aggregate states travel between machines
 * (COPY BINARY, drivers, Citus), so they are written in network byte order
 * whatever the host's.
 */
#ifndef TERRIND_CORE_BYTE_ORDER_H
#define TERRIND_CORE_BYTE_ORDER_H

#include <stdint.h>

static inline void
ti_put_be(unsigned char *out, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--, v >>= 8)
		out[i] = (unsigned char) (v & 0xFF);
}

static inline uint64_t
ti_get_be(const unsigned char *in, int bytes)
{
	uint64_t	v = 0;

	for (int i = 0; i < bytes; i++)
		v = (v << 8) | in[i];
	return v;
}

#endif
