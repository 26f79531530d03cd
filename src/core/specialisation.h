/*
 * specialisation.h: how specialised a zone's employment is, the ANCT way.
 *
 * Zone i (an EPCI, a territory) within a reference area (France), sectors k:
 *   X(ik) jobs of the zone in sector k     X(i) = sum over k of X(ik)
 *   X(k)  jobs of the area in sector k     X    = sum over k of X(k)
 * The zone is compared with the rest of the area: X(k) - X(ik) and X - X(i).
 *
 * Undefined values (a zone without jobs, a zone that is the whole area, no
 * sectors) are reported as "not defined", which SQL shows as NULL;
 * inconsistent counts (negative, not finite, a part larger than its whole)
 * are TI_BAD_PARAMETER.
 */
#ifndef TERRIND_CORE_SPECIALISATION_H
#define TERRIND_CORE_SPECIALISATION_H

#include <stdint.h>

#include "error.h"

/*
 * Specificity index r(ik) = [X(ik)/X(i)] / [(X(k) - X(ik)) / (X - X(i))]:
 * the share of sector k in the zone over its share in the rest of the area
 * (1: as in the rest of the area).  *defined is false when a denominator is
 * zero: X(i) = 0, X = X(i), or X(k) = X(ik) (no such jobs elsewhere).
 */
bool		ti_specificity(double x_ik, double x_i, double x_k, double x,
						   double *out, bool *defined, ti_error *err);

/* One sector of a zone: X(ik) and X(k). */
typedef struct ti_sector
{
	double		zone;
	double		area;
} ti_sector;

/* Both counts finite, 0 <= X(ik) <= X(k). */
bool		ti_sector_check(double x_ik, double x_k, ti_error *err);

/*
 * Krugman specialisation index over the n sectors of a zone:
 *   1/2 sum over k of |X(ik)/X(i) - (X(k) - X(ik))/(X - X(i))|
 * in [0, 1]: 0 when the zone's structure is the rest of the area's, 1 when
 * they share no sector.  Computed as 1/2 sum |X(ik) B - b(k) A| / (A B)
 * (A = X(i), B = X - X(i), b(k) = X(k) - X(ik)), exact for whole counts
 * below 2^26.  False when not defined: no sectors, A = 0 or B = 0.
 */
bool		ti_krugman(const ti_sector *s, size_t n, double *out);

/*
 * Gini specialisation coefficient as the ANCT Observatoire des territoires
 * computes it (R package specificite, gini_spe): reldist::gini of the
 * location quotients LQ(k) = (X(ik)/X(i)) / (X(k)/X) weighted by X(k)/X,
 * the whole area (zone included) as reference.  Sectors ranked by
 * increasing LQ, the Lorenz curve of the zone's cumulative share of jobs
 * against the area's; the coefficient is twice the area between the curve
 * and the diagonal:
 *   G = 1 - sum over ranked k of X(k)/X * (Y(k-1) + Y(k)),
 *   Y(k) = cumulated X(ik) / X(i)
 * 0 when the zone's structure is the area's, towards 1 as its jobs
 * concentrate in sectors rare in the area.  scratch holds n sectors.
 * False when not defined: no sectors or X(i) = 0.
 */
bool		ti_gini_specialisation(const ti_sector *s, size_t n, ti_sector *scratch,
								   double *out);

/*
 * Text form of a list of sectors, the state of the SQL aggregates:
 * "[[x_ik,x_k],[x_ik,x_k]]", numbers written to read back exactly.
 * Format returns the full length, like snprintf.
 */
size_t		ti_sectors_format(const ti_sector *s, size_t n, char *buf, size_t size);
/* At most how many sectors a text of len bytes holds. */
size_t		ti_sectors_max_in_text(size_t len);
bool		ti_sectors_parse(const char *text, size_t len, ti_sector *out, size_t *n,
							 ti_error *err);

/*
 * Binary form: version byte 1, big-endian uint32 count, then each sector's
 * X(ik) and X(k) as big-endian IEEE 754 binary64.
 */
#define TI_SECTORS_HEADER 5
#define TI_SECTOR_BYTES 16
void		ti_sectors_to_bytes(const ti_sector *s, size_t n, uint8_t *out);
/* Count announced by a well-formed header, or false. */
bool		ti_sectors_bytes_count(const uint8_t *in, size_t len, size_t *n, ti_error *err);
bool		ti_sectors_from_bytes(const uint8_t *in, size_t len, ti_sector *out, ti_error *err);

#endif
