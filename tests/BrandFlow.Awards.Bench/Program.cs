// The award workflow benchmark; see scripts/bench-awards.sh.
Console.WriteLine("BrandFlow award workflow benchmark: not written yet.");
return 0;
