/*
 * identifiers.h: French public identifiers, parsed and checked by form only.
 *
 * Each identifier is stored as a small integer whose order is the order of
 * its canonical text, so that comparisons and hashing are plain integer ones:
 *   SIREN        9 digits, Luhn check digit          -> int32 (its value)
 *   SIRET        14 digits, Luhn or La Poste rule    -> int64 (its value)
 *   commune code INSEE COG code, 5 characters        -> int32 (mixed radix)
 *   territory id ti-RRNN, RR a region code           -> int16 (RR * 100 + NN)
 *
 * Parsers take a buffer and its length (not necessarily NUL-terminated) and
 * report what is wrong through ti_error; *_check functions validate a stored
 * value received from a cast or a binary message.
 */
#ifndef TERRIND_CORE_IDENTIFIERS_H
#define TERRIND_CORE_IDENTIFIERS_H

#include <stdint.h>

#include "error.h"

#define TI_SIREN_LEN 9
#define TI_SIRET_LEN 14
#define TI_NIC_LEN 5
#define TI_COMMUNE_LEN 5
#define TI_CODE_LEN 7

bool		ti_siren_parse(const char *s, size_t len, int32_t *out, ti_error *err);
bool		ti_siren_check(int64_t value, ti_error *err);
void		ti_siren_format(int32_t value, char buf[TI_SIREN_LEN + 1]);

bool		ti_siret_parse(const char *s, size_t len, int64_t *out, ti_error *err);
bool		ti_siret_check(int64_t value, ti_error *err);
void		ti_siret_format(int64_t value, char buf[TI_SIRET_LEN + 1]);
int32_t		ti_siret_siren(int64_t siret);
void		ti_siret_nic(int64_t siret, char buf[TI_NIC_LEN + 1]);

bool		ti_commune_parse(const char *s, size_t len, int32_t *out, ti_error *err);
void		ti_commune_format(int32_t code, char buf[TI_COMMUNE_LEN + 1]);
/* département (2 or 3 characters) of a valid code */
void		ti_commune_departement(int32_t code, char buf[4]);
/* INSEE region code, or NULL for a collectivité d'outre-mer (no region) */
const char *ti_commune_region(int32_t code);

bool		ti_code_parse(const char *s, size_t len, int16_t *out, ti_error *err);
bool		ti_code_check(int32_t value, ti_error *err);
void		ti_code_format(int16_t value, char buf[TI_CODE_LEN + 1]);
void		ti_code_region(int16_t value, char buf[3]);

/* Is this two-digit code one of the 18 INSEE regions (since 2016)? */
bool		ti_is_region_code(int code);

#endif
