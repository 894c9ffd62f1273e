local m = mw.loadData('Module:Middle East conflicts map marks') return {
 marks = {
 --[[ never closed
 },
}
