/*
 * byte_order.h: big-endian integers and doubles for architecture-neutral
 * binary formats (what send/recv and partial aggregate states carry).
 */
#ifndef TERRIND_CORE_BYTE_ORDER_H
#define TERRIND_CORE_BYTE_ORDER_H

#include <stdint.h>
#include <string.h>

static inline void
ti_put_be64(uint8_t *out, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		out[i] = (uint8_t) v;
}

static inline uint64_t
ti_get_be64(const uint8_t *in)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | in[i];
	return v;
}

/* A double as the big-endian bytes of IEEE 754 binary64. */
static inline void
ti_put_double(uint8_t *out, double d)
{
	uint64_t	bits;

	memcpy(&bits, &d, 8);
	ti_put_be64(out, bits);
}

static inline double
ti_get_double(const uint8_t *in)
{
	uint64_t	bits = ti_get_be64(in);
	double		d;

	memcpy(&d, &bits, 8);
	return d;
}

#endif
