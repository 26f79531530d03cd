#!/usr/bin/perl
# Checks the reference index (doc/reference.md) against the installed extension: reads
# "kind<TAB>name" lines (every object of the extension, from the catalog) on
# stdin and the index table under "## Reference" in doc/reference.md.  Every object
# must be listed under its kind (an entry may be a glob such as `*_send`), and
# every entry must name an object of that kind; text in parentheses is a note.
# Operators are checked by symbol.  Prints what is missing or stale; exits 1 if anything is.
use strict;
use warnings;

my $readme = shift // 'doc/reference.md';
open my $fh, '<', $readme or die "$readme: $!\n";
my (%listed, $in_reference);
while (<$fh>) {
    $in_reference = 1 if /^## Reference$/;
    last if $in_reference && /^## / && !/^## Reference$/;
    next unless $in_reference && /^\| (\w+) \| (.*) \|$/;
    my ($kind, $objects) = ($1, $2);
    next if $kind eq 'kind';
    $objects =~ s/\([^()]*\)//g;          # notes in parentheses name types, not entries
    push @{ $listed{$kind} }, $objects =~ /`([^`]+)`/g;
}
close $fh;
die "no index table under '## Reference' in $readme\n" unless %listed;

my %installed;
while (<STDIN>) {
    chomp;
    my ($kind, $name) = split /\t/;
    $installed{$kind}{$name} = 1;
}

sub glob_re { my $g = quotemeta shift; $g =~ s/\\\*/.*/g; qr/^$g$/ }

my @problems;
for my $kind (sort keys %installed) {
    my @patterns = map { glob_re($_) } @{ $listed{$kind} // [] };
    for my $name (sort keys %{ $installed{$kind} }) {
        push @problems, "$kind $name is not in the reference index (doc/reference.md)"
            unless grep { $name =~ $_ } @patterns;
    }
}
for my $kind (sort keys %listed) {
    for my $entry (@{ $listed{$kind} }) {
        my $re = glob_re($entry);
        push @problems, "the reference index (doc/reference.md) lists $kind $entry, which the extension does not have"
            unless grep { $_ =~ $re } keys %{ $installed{$kind} // {} };
    }
}
print "$_\n" for @problems;
exit(@problems ? 1 : 0);
