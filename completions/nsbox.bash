# bash completion for nsbox and its applets (nsls, nsenter-lite, ...), whether run as
# "nsbox APPLET ..." or through a symlink named after the applet.
# A thin wrapper: the candidates come from "nsbox __complete", which answers from the
# applet, option and column tables in the code, so nothing here can drift from them.

# Sets words, cword and cur like _get_comp_words_by_ref -n =: does, for shells without
# bash-completion: words that COMP_WORDBREAKS split at '=' or ':' are joined again.
__nsbox_comp_words()
{
	local line=${COMP_LINE:0:COMP_POINT} lead word i
	words=()
	cword=0
	for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
		word=${COMP_WORDS[i]}
		lead=${line%%[![:space:]]*}
		line=${line#"$lead"}
		# only the part of the current word before the cursor counts
		((i == COMP_CWORD)) && word=${line:0:${#word}}
		if ((i > 0)) && [[ -z $lead && ($word == [=:] || ${words[-1]} == *[=:]) ]]; then
			words[-1]+=$word
		else
			words+=("$word")
		fi
		line=${line#"$word"}
	done
	cword=$((${#words[@]} - 1))
	cur=${words[cword]}
}

_nsbox()
{
	local cur words cword
	if declare -F _get_comp_words_by_ref >/dev/null; then
		_get_comp_words_by_ref -n =: cur words cword
	else
		__nsbox_comp_words
	fi

	local bin=nsbox applet first=1
	# a path to the binary itself ("build/nsbox") is asked directly
	[[ ${words[0]} == */nsbox && -x ${words[0]} ]] && bin=${words[0]}
	if [[ ${words[0]##*/} == nsbox ]]; then
		if ((cword == 1)); then
			applet=
		else
			applet=${words[1]}
			first=2
			# "nsbox --list" and friends take nothing more
			[[ $applet == -* ]] && return 0
		fi
	else
		applet=${words[0]##*/}
	fi

	local candidates
	mapfile -t candidates < <("$bin" __complete "$applet" "${words[@]:first:cword-first}" "$cur" 2>/dev/null)

	# readline replaces only the text after the last '=' or ':' that COMP_WORDBREAKS holds
	local breaks=${COMP_WORDBREAKS//[^=:]/} prefix=
	[[ -n $breaks ]] && prefix=${cur%"${cur##*[$breaks]}"}

	# ":command" and ":file" ask for bash's own command-name and file completion; in a
	# "--opt=" word, files complete what follows the '='
	local candidate replies=() opt=
	[[ $cur == --*=* ]] && opt=${cur%%=*}=
	for candidate in "${candidates[@]}"; do
		case $candidate in
		:command)
			mapfile -t -O ${#replies[@]} replies < <(compgen -c -- "$cur")
			;;
		:file)
			local files file
			mapfile -t files < <(compgen -f -- "${cur#"$opt"}")
			for file in "${files[@]}"; do replies+=("$opt$file"); done
			compopt -o filenames 2>/dev/null
			;;
		:*) ;;
		*) replies+=("${candidate%%$'\t'*}") ;;
		esac
	done
	COMPREPLY=()
	for candidate in "${replies[@]}"; do
		COMPREPLY+=("${candidate#"$prefix"}")
	done
	# "--output=" waits for its value
	if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}

complete -F _nsbox nsbox $(nsbox --list 2>/dev/null)
