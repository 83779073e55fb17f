(function(){
'use strict';
var D=JSON.parse(document.getElementById('data').textContent);
var V=D.v,C=D.c,S=D.s,N=D.n,R=D.r,PAGE=500;
      var hay=null,verdict=-1,query='',matches=R,shown=0;
var tbody=document.getElementById('rows'),more=document.getElementById('more'),info=document.getElementById('shown');
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function ms(n){return n>=1000?(n/1000).toFixed(n>=10000?0:1)+' s':n+' ms';}
function filter(){
  var q=query.toLowerCase();
  if(q&&!hay){hay=R.map(function(r){return (C[r[0]]+' '+r[1]+' '+N[r[4]]+' '+S[r[5]]+' '+V[r[2]]).toLowerCase();});}
  var out=[];
  for(var i=0;i<R.length;i++){var r=R[i];if(verdict>=0&&r[2]!==verdict)continue;if(q&&hay[i].indexOf(q)<0)continue;out.push(r);}
  matches=out;shown=0;tbody.textContent='';render();
}
function render(){
  var end=Math.min(matches.length,shown+PAGE),frag=document.createDocumentFragment();
  for(var i=shown;i<end;i++){
    var r=matches[i],tr=document.createElement('tr');
    var td=el('td');td.appendChild(el('span','badge v-'+V[r[2]],V[r[2]]));tr.appendChild(td);
    td=el('td');td.appendChild(el('div',null,r[1]));td.appendChild(el('div','cls',C[r[0]]));tr.appendChild(td);
    tr.appendChild(el('td',null,S[r[5]]));
    tr.appendChild(el('td','r',ms(r[3])));
    tr.appendChild(el('td','mono',N[r[4]]));
    frag.appendChild(tr);
  }
  tbody.appendChild(frag);shown=end;
  more.hidden=shown>=matches.length;
  more.textContent='Show more ('+(matches.length-shown)+' left)';
  info.textContent=matches.length===R.length?R.length+' tests':matches.length+' of '+R.length+' tests';
}
var counts=V.map(function(){return 0;});R.forEach(function(r){counts[r[2]]++;});
var bar=document.getElementById('vb'),buttons=[];
function button(label,v){
  var b=el('button',v<0?'on':null,label);b.type='button';
  b.addEventListener('click',function(){verdict=v;buttons.forEach(function(x){x.className='';});b.className='on';filter();});
  buttons.push(b);bar.appendChild(b);
}
button('All '+R.length,-1);
V.forEach(function(v,i){if(counts[i]>0)button(v+' '+counts[i],i);});
var timer=null;
document.getElementById('q').addEventListener('input',function(e){
  clearTimeout(timer);var value=e.target.value;timer=setTimeout(function(){query=value.trim();filter();},R.length>20000?200:60);
});
more.addEventListener('click',render);
render();
})();
