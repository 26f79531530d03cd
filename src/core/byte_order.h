/*
 * byte_order.h: big-endian integers and doubles in binary formats.
 *
 * Binary send/receive formats and aggregate states travel between machines
 * (COPY BINARY, drivers, Citus), so they are written in network byte order
 * whatever the host's.
 */
#ifndef TERRIND_CORE_BYTE_ORDER_H
#define TERRIND_CORE_BYTE_ORDER_H

#include <stdint.h>
#include <string.h>

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

static inline void
ti_put_be64(unsigned char *out, uint64_t v)
{
	ti_put_be(out, v, 8);
}

static inline uint64_t
ti_get_be64(const unsigned char *in)
{
	return ti_get_be(in, 8);
}

/* A double as the big-endian bytes of IEEE 754 binary64. */
static inline void
ti_put_double(unsigned char *out, double d)
{
	uint64_t	bits;

	memcpy(&bits, &d, 8);
	ti_put_be64(out, bits);
}

static inline double
ti_get_double(const unsigned char *in)
{
	uint64_t	bits = ti_get_be64(in);
	double		d;

	memcpy(&d, &bits, 8);
	return d;
}

#endif
