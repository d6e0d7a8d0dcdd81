
const box=document.getElementById('only-findings');
function applyFilter(){let n=0;for(const s of document.querySelectorAll('section.tiltak')){
 const hide=box.checked&&s.dataset.findings==='0';s.hidden=hide;if(!hide)n++;}
 document.getElementById('shown').textContent=n;}
box.addEventListener('change',applyFilter);applyFilter();
