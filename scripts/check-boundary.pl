#!/usr/bin/perl
# Text crosses between the core (UTF-8) and PostgreSQL (the database
# encoding) in one place, src/boundary.c and src/boundary.h: no other file of
# src/ may convert encodings, take or return C strings and text itself, or
# report errors (which carry the core's UTF-8 text).  Prints each violation
# as file:line and exits 1 if there is any.
use strict;
use warnings;

my $boundary = qr{^src/boundary\.[ch]$};
my $crossing = qr{\b(pg_server_to_any|pg_any_to_server|pg_do_encoding_conversion\w*|pg_verify_mbstr\w*
    |pg_encoding_\w+|pg_unicode_to_server|GetDatabaseEncoding|ereport|ereturn|errsave|elog|errmsg\w*
    |errdetail\w*|errhint|PG_GETARG_CSTRING|PG_RETURN_CSTRING|DatumGetCString|cstring_to_text\w*
    |text_to_cstring\w*|CStringGetTextDatum|TextDatumGetCString)\b}x;
my $bad = 0;
for my $file (sort(glob('src/*.c'), glob('src/*.h'))) {
    next if $file =~ $boundary;
    open my $fh, '<', $file or die "$file: $!";
    my $in_comment = 0;
    while (my $line = <$fh>) {
        # comments may name what they do not call
        $line =~ s{/\*.*?\*/}{}g;
        if ($in_comment) { next unless $line =~ s{^.*?\*/}{}; $in_comment = 0; }
        $in_comment = 1 if $line =~ s{/\*.*$}{};
        if ($line =~ $crossing) {
            print "$file:$.: $1 outside the boundary (src/boundary.c)\n";
            $bad = 1;
        }
    }
}
exit $bad;
