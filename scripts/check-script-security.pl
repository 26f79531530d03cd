#!/usr/bin/perl
# Check extension scripts against PostgreSQL's security rules for extension
# scripts: no CREATE OR REPLACE and no SECURITY DEFINER in the SQL itself,
# and no @extschema@ inside a string literal or a dollar-quoted body
# (CVE-2022-2625, CVE-2023-39417).  Prints one line per violation and exits
# non-zero if there is any.  Usage: check-script-security.pl SCRIPT...
use strict;
use warnings;

my $violations = 0;
for my $file (@ARGV) {
    open my $fh, '<', $file or die "$file: $!\n";
    my $sql = do { local $/; <$fh> };
    my $code = '';
    # comments, string literals and dollar-quoted bodies, leftmost first
    while ($sql =~ /\G(.*?)(--[^\n]*|'(?:[^']|'')*'|(\$[A-Za-z_]*\$).*?\3)/gcs) {
        my ($before, $token) = ($1, $2);
        $code .= $before . ' ';
        if ($token !~ /^--/ && $token =~ /\@extschema\@/) {
            my $line = 1 + (substr($sql, 0, pos($sql)) =~ tr/\n//) - ($token =~ tr/\n//);
            print "$file:$line: \@extschema\@ inside a quoted string or body\n";
            $violations++;
        }
    }
    $code .= substr($sql, pos($sql) // 0);
    for my $rule (qr/create\s+or\s+replace/i, qr/security\s+definer/i) {
        while ($code =~ /($rule)/g) {
            print "$file: '$1' is not allowed in an extension script\n";
            $violations++;
        }
    }
}
exit($violations ? 1 : 0);
