# fish completion for nsbox and its applets. A thin wrapper: the candidates and their
# descriptions ("value<TAB>description", which fish shows as is) come from
# "nsbox __complete", which answers from the applet, option and column tables in the code.
#
# "nsbox APPLET ..." is completed here. Each applet symlink gets a file that sources this
# one and registers: complete -c APPLET -f -a '(__nsbox_complete APPLET)'

# __nsbox_complete [APPLET]: candidates for the current token. Without APPLET the command is
# nsbox itself, and APPLET is the word after it.
function __nsbox_complete --description 'Ask nsbox __complete for candidates'
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l bin nsbox
    # a path to the binary itself ("build/nsbox") is asked directly
    if string match -q -- '*/nsbox' $words[1]; and test -x $words[1]
        set bin $words[1]
    end
    set -e words[1]
    set -l applet $argv[1]
    if test (count $argv) -eq 0
        if test (count $words) -eq 0
            $bin __complete "" "$cur" 2>/dev/null
            return
        end
        set applet $words[1]
        set -e words[1]
        # "nsbox --list" and friends take nothing more
        string match -q -- '-*' $applet; and return
    end
    # ":command" and ":file" ask for fish's own command-name and file completion; in a
    # "--opt=" word, of what follows the '='
    set -l opt (string match -r -- '^--[^=]*=' $cur)
    for line in ($bin __complete $applet $words "$cur" 2>/dev/null)
        switch $line
            case :command
                __fish_complete_command
            case :file
                printf '%s\n' "$opt"(__fish_complete_path (string replace -r -- '^--[^=]*=' '' $cur))
            case ':*'
            case '*'
                printf '%s\n' $line
        end
    end
end

# sourced again by each applet's file: replace, do not add to, the nsbox rule
complete -c nsbox -e
complete -c nsbox -f -a '(__nsbox_complete)'
