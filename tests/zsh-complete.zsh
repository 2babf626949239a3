# zsh-complete.zsh DIR LINE — the candidates zsh's own completion offers
# for LINE typed at a prompt, the completion functions of DIR first in
# fpath: one per line, sorted. An interactive zsh is driven through a
# pseudo-terminal (zsh/zpty); compadd is wrapped to print what it adds.
# Used by tests/run-aide.sh.
zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "PS1='' PS2='' RPS1=''"
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D -d /dev/null"
zpty -w z 'compadd () { local -a __h; builtin compadd -O __h "$@"; print -rl -- "<<"${^__h}">>"; builtin compadd "$@" }'
zpty -w z 'zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" select-prompt ""'
zpty -n -w z "$2"$'\t'
sleep 0.5
zpty -w z $'\C-u'"print -- '<<FIN''>>'"
out=''
while zpty -r -t z line; do
	out+=$line
	[[ $out == *'<<FIN>>'* ]] && break
done
zpty -d z
print -r -- "$out" | grep -o "<<[^<>\"' ]*>>" | sed 's/^<<//; s/>>$//' |
    grep -v '^FIN$' | sort -u
